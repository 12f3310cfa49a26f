# -static and -static-pie programs with a global IFUNC called, stored in data and taken in
# code: libc's start-up applies the IRELATIVE relocations the linker emitted (between
# __rela_iplt_start/end, or in .rela.dyn), so every path must reach the resolved body.
cat >main.c <<'EOF2'
#include <stdio.h>
static int impl(int x) { return x + 100; }
static void *res(void) { return (void *)impl; }
int sf(int) __attribute__((ifunc("res")));
int (*sfp)(int) = sf;
int (*volatile sfp2)(int);
int main(void) {
  sfp2 = sf;
  printf("%d %d %d\n", sf(1), sfp(2), sfp2(3));
  return 0;
}
EOF2
cc main.o -fno-pic -O1 main.c
cc mainpie.o -fPIE -O1 main.c
exe prog -static main.o
run prog
exe progpie -static-pie mainpie.o
run progpie

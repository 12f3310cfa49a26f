# A PIE has a local (static) IFUNC that it calls, and whose address sits in initialized data
# and is taken in code (IRELATIVE relocations): every path must reach the resolved body.
# (Not compared: GNU ld gives the data pointer the body and the code pointer the PLT entry.)
cat >main.c <<'EOF2'
#include <stdio.h>
static int h_impl(int x) { return x * 3; }
static void *h_resolve(void) { return (void *)h_impl; }
static int h(int) __attribute__((ifunc("h_resolve")));
int (*h_ptr)(int) = h;
int (*volatile h_ptr2)(int);
int main(void) {
  h_ptr2 = h;
  printf("%d %d %d\n", h(1), h_ptr(2), h_ptr2(3));
  return 0;
}
EOF2
cc main.o -fPIE -O1 main.c
exe prog  main.o
run prog
exe prognow  main.o -Wl,-z,now
run prognow

# A non-PIE program has a local (static) IFUNC that it calls, stores in initialized data
# and takes in code (IRELATIVE in .rela.plt / canonical .iplt entry): every path must reach
# the resolved body, and the pointers must agree.
cat >main.c <<'EOF2'
#include <stdio.h>
static int h_impl(int x) { return x * 3; }
static void *h_resolve(void) { return (void *)h_impl; }
static int h(int) __attribute__((ifunc("h_resolve")));
int (*h_ptr)(int) = h;
int (*volatile h_ptr2)(int);
int main(void) {
  h_ptr2 = h;
  printf("%d %d %d same %d\n", h(1), h_ptr(2), h_ptr2(3), h_ptr == h_ptr2);
  return 0;
}
EOF2
cc main.o -fno-pic -O1 main.c
exe prog -no-pie main.o
run prog
exe prognow -no-pie main.o -Wl,-z,now
run prognow

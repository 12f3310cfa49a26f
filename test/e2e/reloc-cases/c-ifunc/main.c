#include <stdio.h>
int f(int);
int b_call(int);
int (*a_f_ptr(void))(int);
int (*b_f_ptr(void))(int);
extern int (*const a_f_const)(int);

int main(void) {
  printf("f %d b %d\n", f(5), b_call(7));
  printf("ptr %d %d %d\n", a_f_ptr()(1), b_f_ptr()(2), a_f_const(3));
  /* a_f_ptr() == f is left out: ld.bfd's PIE gives a local IFUNC two addresses. */
  printf("equal %d %d\n", b_f_ptr() == f, a_f_const == f);
  return 0;
}

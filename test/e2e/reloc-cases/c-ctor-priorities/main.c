#include <stdio.h>
__attribute__((constructor(250))) static void m250(void) { puts("ctor main 250"); }
__attribute__((destructor(250))) static void dm250(void) { puts("dtor main 250"); }
int main(void) {
  puts("main");
  return 0;
}

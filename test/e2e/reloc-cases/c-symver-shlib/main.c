#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
int foo(int), bar(int), call_old_foo(int);

int main(void) {
  printf("foo %d bar %d old %d\n", foo(10), bar(10), call_old_foo(10));
  int (*v1)(int) = (int (*)(int))dlvsym(RTLD_DEFAULT, "foo", "VER1");
  int (*v2)(int) = (int (*)(int))dlvsym(RTLD_DEFAULT, "foo", "VER2");
  printf("dlvsym %d %d\n", v1 ? v1(100) : -1, v2 ? v2(100) : -1);
  return 0;
}

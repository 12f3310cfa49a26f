#include <stdio.h>
extern int lib_data[3];
extern int lib_calls;
extern int (*const lib_fnptr)(int);
extern int *const lib_data_ptr;
int lib_callback_result(int (*cb)(int), int v);
const char *lib_name(int i);
int lib_use_overridable(int x);
static int cb(int x) { return x * x; }
/* The program's definition interposes the library's. */
int lib_overridable(int x) { return x - 1; }

int main(void) {
  lib_data[0] = 70;
  int r3 = lib_callback_result(cb, 3);
  int r4 = lib_callback_result(cb, 4);
  printf("cb %d %d name %s %s\n", r3, r4, lib_name(1), lib_name(2));
  printf("fnptr %d dataptr %d calls %d over %d\n", lib_fnptr(21), *lib_data_ptr, lib_calls, lib_use_overridable(5));
  return 0;
}

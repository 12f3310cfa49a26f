/* -fPIC objects combined by -r, then linked into a shared library that the program
   links against: exported data and functions, data holding pointers (relative and
   symbolic dynamic relocations), a preemptible call inside the library. */
#include <stdio.h>
int lib_data[3] = {7, 8, 9};
const char *lib_names[] = {"zero", "one", "two"};
int lib_calls;
int lib_callback_result(int (*cb)(int), int v) { lib_calls++; return cb(v) + lib_data[v % 3]; }
int lib_overridable(int x) { return x + 1; }

/* The shared object of the corpus: versioned definitions (.gnu.version_d with a
 * default and a hidden version), data and functions, and a DT_NEEDED on libc. */
#include <unistd.h>

int lib_data = 42;
int lib_counter;
int lib_func(int v) {
  lib_counter += v + (getpid() == 0);
  return v + lib_data;
}
int lib_func_old(int v) { return v - 1; }
__asm__(".symver lib_func_old, lib_func_compat@VICTIM_1");

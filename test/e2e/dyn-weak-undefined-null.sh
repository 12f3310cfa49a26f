#!/usr/bin/env bash
# A weak undefined function and variable that nothing defines: in an executable they
# are NULL, so `if (fn) fn();` must skip the call and `&var == NULL` hold, in every
# executable mode (absolute, PC-relative and GOT references), and the linker must not
# fail the link. A second weak reference is satisfied by a library: it must be non-NULL
# and callable, and its address must equal the library's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_present(int x) { return x + 1; }
int (*lib_present_addr(void))(int) { return lib_present; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
__attribute__((weak)) int nowhere_fn(int);
__attribute__((weak)) extern int nowhere_var;
__attribute__((weak)) int lib_present(int);
int (*lib_present_addr(void))(int);
int (*volatile keep)(int);
int main(void) {
  keep = nowhere_fn;
  printf("nowhere_fn %s, via pointer %s\n", nowhere_fn ? "non-null" : "null", keep ? "non-null" : "null");
  if (nowhere_fn) printf("called %d\n", nowhere_fn(1));
  printf("nowhere_var %s\n", &nowhere_var ? "non-null" : "null");
  printf("lib_present %s\n", lib_present ? "non-null" : "null");
  if (lib_present) printf("called %d same=%d\n", lib_present(1), lib_present == lib_present_addr());
  return 0;
}
EOF2
build_shlib libpresent.so libpresent.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lpresent
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "nowhere_fn null, via pointer null
nowhere_var null
lib_present non-null
called 2 same=1"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

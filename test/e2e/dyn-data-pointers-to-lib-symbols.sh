#!/usr/bin/env bash
# Writable data in the executable initialized with addresses of a library's variable
# and function (`int *p = &lib_var; int (*f)(int) = lib_fn;`): R_X86_64_64 against the
# symbol (or, once a COPY/canonical PLT exists in -no-pie, the link-time constant). At
# run time each pointer must equal the library's own view of the address, reads and
# writes through it must reach the one object, and calls must work. Pointers in
# read-only data (const tables) too. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_var = 8;
int lib_arr[4] = {1, 2, 3, 4};
int lib_fn(int x) { return x - 1; }
int *lib_var_addr(void) { return &lib_var; }
int *lib_arr_addr(void) { return lib_arr; }
int (*lib_fn_addr(void))(int) { return lib_fn; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int lib_var, lib_arr[4];
int lib_fn(int);
int *lib_var_addr(void), *lib_arr_addr(void);
int (*lib_fn_addr(void))(int);
int *p_var = &lib_var;
int *p_elem = &lib_arr[3];
int (*p_fn)(int) = lib_fn;
struct refs { int *v; int (*f)(int); };
const struct refs ro = {&lib_var, lib_fn};
int main(void) {
  *p_var += 1;
  *p_elem = 40;
  printf("var %d same %d %d\n", *lib_var_addr(), p_var == lib_var_addr(), ro.v == lib_var_addr());
  printf("elem %d same %d\n", lib_arr_addr()[3], p_elem == lib_arr_addr() + 3);
  printf("fn %d %d same %d %d\n", p_fn(10), ro.f(20), p_fn == lib_fn_addr(), ro.f == lib_fn_addr());
  return 0;
}
EOF2
build_shlib libptr.so libptr.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lptr
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "var 9 same 1 1
elem 40 same 1
fn 9 19 same 1 1"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

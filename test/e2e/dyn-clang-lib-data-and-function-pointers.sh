#!/usr/bin/env bash
# clang-compiled executables (linked by clang --ld-path=ld.rivet) using a user library's
# variable and taking its function's address: clang's -fno-pic code needs a COPY
# relocation and a canonical PLT entry just like gcc's, while clang's -fPIE code goes
# through the GOT (clang does not assume copy relocations in PIEs), so no COPY. Either
# way the library and executable must agree on the variable and the function address.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools clang

cat >lib.c <<'EOF2'
int lib_var = 4;
int lib_fn(int x) { return x * 3; }
int lib_get(void) { return lib_var; }
int (*lib_fn_addr(void))(int) { return lib_fn; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int lib_var;
int lib_fn(int), lib_get(void);
int (*lib_fn_addr(void))(int);
int (*volatile fp)(int);
int main(void) {
  fp = lib_fn;
  lib_var += 10;
  printf("lib sees %d, fp %d, same %d\n", lib_get(), fp(5), fp == lib_fn_addr());
  return 0;
}
EOF2
build_shlib libcl.so libcl.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_clang -O1 -fno-pic -o main-nopie.o main.c
dlink_both_clang nopie -no-pie main-nopie.o -L. -lcl
compile_clang -O1 -fPIE -o main-pie.o main.c
dlink_both_clang pie -pie main-pie.o -L. -lcl
for b in nopie pie; do
  run_both_and_compare $b
  expect_stdout $b "lib sees 14, fp 15, same 1"
done
assert_eq "$(dyn_reloc_count nopie.rivet R_X86_64_COPY lib_var)" 1 "nopie.rivet: COPY relocations against lib_var"
assert_eq "$(dynsym_field nopie.rivet lib_fn ndx)" UND "nopie.rivet: st_shndx of the canonical PLT symbol lib_fn"
[ "$(hex_to_dec "$(dynsym_field nopie.rivet lib_fn value)")" != 0 ] || fail "nopie.rivet: expected a non-zero st_value (canonical PLT entry) for lib_fn"
grep -q 'GOTPCREL.* lib_var' <(readelf -rW main-pie.o) ||
  fail "test setup: expected clang -fPIE to reach lib_var through the GOT, got: $(readelf -rW main-pie.o | grep lib_var)"
assert_eq "$(dyn_reloc_count pie.rivet R_X86_64_COPY)" 0 "pie.rivet: COPY relocations for clang -fPIE code (GOT access)"
elflint_compare nopie
elflint_compare pie

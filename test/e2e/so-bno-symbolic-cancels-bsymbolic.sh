#!/usr/bin/env bash
# -Bno-symbolic after -Bsymbolic (or -Bsymbolic-functions) on the command line restores
# the default: the library's definitions are preemptible again, so the executable's
# helper() and shared_var replace the library's for the library's calls and reads.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int helper(void) { return 1; }
int shared_var = 10;
int lib_calls_helper(void) { return helper() * 100 + shared_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int helper(void) { return 2; }
int shared_var = 20;
int lib_calls_helper(void);
int main(void) { printf("%d\n", lib_calls_helper()); return 0; }
EOF2
compile_c -O2 -fPIC -o lib.o lib.c
so_link_both libx.so lib.o -Wl,-Bsymbolic -Wl,-Bno-symbolic
so_link_rivet rivet/libfn.so lib.o -Wl,-Bsymbolic-functions -Wl,-Bno-symbolic
lib=rivet/libx.so
for l in rivet/libx.so rivet/libfn.so; do
  assert_eq "$(dyn_reloc_count $l R_X86_64_JUMP_SLOT helper)" 1 "$l: JUMP_SLOT relocations for helper after -Bno-symbolic"
  assert_eq "$(dyn_reloc_count $l R_X86_64_GLOB_DAT shared_var)" 1 "$l: GLOB_DAT relocations for shared_var after -Bno-symbolic"
done
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx
so_run_matrix prog
so_expect_stdout prog 220
assert_lacks_word "$(dynamic_flags $lib)" SYMBOLIC "DT_FLAGS of $lib after -Bno-symbolic"
so_elflint_compare libx.so

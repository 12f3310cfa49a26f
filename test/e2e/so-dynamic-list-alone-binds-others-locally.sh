#!/usr/bin/env bash
# --dynamic-list without -Bsymbolic, in a shared object: the listed symbol stays
# preemptible, every other default-visibility definition binds locally (GNU ld and lld
# both treat the list as naming the only interposable symbols), yet all stay
# exported. The executable's listed_fn wins, its other_fn does not.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int listed_fn(void) { return 1; }
int other_fn(void) { return 1; }
int other_var = 1;
int lib_report(void) { return listed_fn() * 100 + other_fn() * 10 + other_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int listed_fn(void) { return 2; }
int other_fn(void) { return 2; }
int other_var = 2;
int lib_report(void);
int main(void) { printf("%d\n", lib_report()); return 0; }
EOF2
echo '{ listed_fn; };' >dyn.list
so_link_both libx.so -O2 lib.c -Wl,--dynamic-list=dyn.list
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx
so_run_matrix prog
so_expect_stdout prog 211
lib=rivet/libx.so
assert_eq "$(dyn_reloc_count $lib R_X86_64_JUMP_SLOT listed_fn)" 1 "$lib: JUMP_SLOT relocations for listed_fn"
assert_eq "$(dyn_relocs $lib | awk '$3 == "other_fn" || $3 == "other_var"' | wc -l)" 0 "$lib: dynamic relocations against other_fn / other_var"
assert_eq "$(dynsym_count $lib other_fn) $(dynsym_count $lib other_var)" "1 1" "$lib: .dynsym entries for other_fn and other_var (still exported)"
so_elflint_compare libx.so

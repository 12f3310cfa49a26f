#!/usr/bin/env bash
# In a shared object, --export-dynamic-symbol=NAME (and a glob) keeps matching
# definitions preemptible even under -Bsymbolic: the executable's kept_fn and
# kept_glob_fn replace the library's for the library's calls, its bound_fn does not.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int kept_fn(void) { return 1; }
int kept_glob_fn(void) { return 1; }
int bound_fn(void) { return 1; }
int lib_report(void) { return kept_fn() * 100 + kept_glob_fn() * 10 + bound_fn(); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int kept_fn(void) { return 2; }
int kept_glob_fn(void) { return 2; }
int bound_fn(void) { return 2; }
int lib_report(void);
int main(void) { printf("%d\n", lib_report()); return 0; }
EOF2
so_link_both libx.so -O2 lib.c -Wl,-Bsymbolic -Wl,--export-dynamic-symbol=kept_fn '-Wl,--export-dynamic-symbol=kept_glob_*'
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx
so_run_matrix prog
so_expect_stdout prog 221
lib=rivet/libx.so
assert_eq "$(dyn_reloc_count $lib R_X86_64_JUMP_SLOT kept_fn)" 1 "$lib: JUMP_SLOT relocations for kept_fn"
assert_eq "$(dyn_reloc_count $lib R_X86_64_JUMP_SLOT kept_glob_fn)" 1 "$lib: JUMP_SLOT relocations for kept_glob_fn"
assert_eq "$(dyn_relocs $lib | awk '$3 == "bound_fn"' | wc -l)" 0 "$lib: dynamic relocations against bound_fn"
so_elflint_compare libx.so

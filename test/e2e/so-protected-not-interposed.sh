#!/usr/bin/env bash
# A protected definition in a shared object is exported but binds locally: the
# executable's own function and variable of the same names do not replace the
# library's for the library's calls and reads (they do for the executable's), so the
# library has no JUMP_SLOT/GLOB_DAT for them; .dynsym marks them PROTECTED.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((visibility("protected"))) int helper(void) { return 1; }
__attribute__((visibility("protected"))) int prot_var = 10;
int lib_calls_helper(void) { return helper() * 100 + prot_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int helper(void) { return 2; }
int prot_var = 20;
int lib_calls_helper(void);
int main(void) { printf("lib %d exe %d\n", lib_calls_helper(), helper() * 100 + prot_var); return 0; }
EOF2
so_link_both libx.so -O2 lib.c
lib=rivet/libx.so
assert_eq "$(dynsym_field $lib helper vis)" PROTECTED "$lib: .dynsym visibility of helper"
assert_eq "$(dynsym_field $lib prot_var vis)" PROTECTED "$lib: .dynsym visibility of prot_var"
assert_eq "$(dyn_relocs $lib | awk '$3 == "helper" || $3 == "prot_var"' | wc -l)" 0 "$lib: dynamic relocations against helper or prot_var"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lx
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode "lib 110 exe 220"
done
so_elflint_compare libx.so

#!/usr/bin/env bash
# Without -z defs a shared object may leave symbols undefined for the loader to
# resolve: the library links, the symbol is an undefined GLOBAL in .dynsym, and at run
# time it binds to the executable's definition (exported because the library
# references it), both for a function (JUMP_SLOT) and a variable (GLOB_DAT).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int provided_by_exe(int);
extern int exe_var;
int lib_entry(int x) { return provided_by_exe(x) + exe_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int exe_var = 1000;
int provided_by_exe(int x) { return x * 7; }
int lib_entry(int);
int main(void) { printf("%d\n", lib_entry(6)); return 0; }
EOF2
so_link_both libx.so -O1 lib.c
lib=rivet/libx.so
assert_eq "$(dynsym_field $lib provided_by_exe bind) $(dynsym_field $lib provided_by_exe ndx)" "GLOBAL UND" "$lib: .dynsym entry of provided_by_exe"
assert_eq "$(dynsym_field $lib exe_var bind) $(dynsym_field $lib exe_var ndx)" "GLOBAL UND" "$lib: .dynsym entry of exe_var"
assert_eq "$(dyn_reloc_count $lib R_X86_64_JUMP_SLOT provided_by_exe)" 1 "$lib: JUMP_SLOT relocations for provided_by_exe"
assert_eq "$(dyn_reloc_count $lib R_X86_64_GLOB_DAT exe_var)" 1 "$lib: GLOB_DAT relocations for exe_var"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lx
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode 1042
done
so_elflint_compare libx.so

#!/usr/bin/env bash
# A default-visibility definition in a shared object is preemptible: when the
# executable defines the same function and variable, the library's own calls and reads
# reach the executable's definitions. So the library must call helper through its PLT
# (JUMP_SLOT helper) and read shared_var through the GOT (GLOB_DAT shared_var), never
# bind them at link time. In each executable mode.
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
so_link_both libx.so -O2 lib.c
lib=rivet/libx.so
assert_eq "$(dyn_reloc_count $lib R_X86_64_JUMP_SLOT helper)" 1 "$lib: JUMP_SLOT relocations for helper (a preemptible function)"
assert_eq "$(dyn_reloc_count $lib R_X86_64_GLOB_DAT shared_var)" 1 "$lib: GLOB_DAT relocations for shared_var (a preemptible variable)"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lx
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode 220
done
so_elflint_compare libx.so

#!/usr/bin/env bash
# -Bsymbolic-functions binds the library's functions to themselves but leaves its
# variables preemptible: the executable's helper() does not replace the library's for
# the library's calls (no JUMP_SLOT for helper), while the library reads lib_var
# through the GOT (GLOB_DAT lib_var) and so sees the executable's copy of it -- a COPY
# relocation in -fno-pic -no-pie code, the library's own object otherwise -- after the
# executable writes to it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int helper(void) { return 1; }
int lib_var = 10;
int lib_report(void) { return helper() * 1000 + lib_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int lib_var;
int helper(void) { return 2; }
int lib_report(void);
int main(void) {
  lib_var = 77;
  printf("%d exe helper %d\n", lib_report(), helper());
  return 0;
}
EOF2
so_link_both libx.so -O2 lib.c -Wl,-Bsymbolic-functions
lib=rivet/libx.so
assert_eq "$(dyn_reloc_count $lib R_X86_64_JUMP_SLOT helper)" 0 "$lib: JUMP_SLOT relocations for helper under -Bsymbolic-functions"
assert_eq "$(dyn_reloc_count $lib R_X86_64_GLOB_DAT lib_var)" 1 "$lib: GLOB_DAT relocations for lib_var under -Bsymbolic-functions (data stays preemptible)"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lx
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode "1077 exe helper 2"
done
assert_eq "$(dyn_reloc_count prog-nopie.rivet-rivet R_X86_64_COPY lib_var)" 1 "prog-nopie.rivet-rivet: COPY relocations for lib_var"
so_elflint_compare libx.so

#!/usr/bin/env bash
# Under -Bsymbolic, a symbol named in --dynamic-list stays preemptible: the
# executable's listed_fn and listed_var replace the library's for the library's own
# calls and reads (JUMP_SLOT / GLOB_DAT), while the unlisted other_fn stays bound to the
# library's definition (no relocation) although it is still exported.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int listed_fn(void) { return 1; }
int listed_var = 1;
int other_fn(void) { return 1; }
int lib_report(void) { return listed_fn() * 100 + listed_var * 10 + other_fn(); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int listed_fn(void) { return 2; }
int listed_var = 2;
int other_fn(void) { return 2; }
int lib_report(void);
int main(void) { printf("%d\n", lib_report()); return 0; }
EOF2
cat >dyn.list <<'EOF2'
{
  listed_fn;
  listed_var;
};
EOF2
so_link_both libx.so -O2 lib.c -Wl,-Bsymbolic -Wl,--dynamic-list=dyn.list
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lx
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode 221
done
lib=rivet/libx.so
assert_eq "$(dyn_reloc_count $lib R_X86_64_JUMP_SLOT listed_fn)" 1 "$lib: JUMP_SLOT relocations for listed_fn"
assert_eq "$(dyn_reloc_count $lib R_X86_64_GLOB_DAT listed_var)" 1 "$lib: GLOB_DAT relocations for listed_var"
assert_eq "$(dyn_relocs $lib | awk '$3 == "other_fn"' | wc -l)" 0 "$lib: dynamic relocations against other_fn"
assert_eq "$(dynsym_count $lib other_fn)" 1 "$lib: .dynsym entries for other_fn (still exported)"
so_elflint_compare libx.so

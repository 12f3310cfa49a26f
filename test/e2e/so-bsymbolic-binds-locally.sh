#!/usr/bin/env bash
# -Bsymbolic binds every default-visibility definition in the shared object to itself:
# the executable's helper() and shared_var do not replace the library's for the
# library's own calls and reads, though both stay exported. No JUMP_SLOT/GLOB_DAT for
# them in the library; DT_FLAGS has SYMBOLIC as in ld.bfd's output.
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
so_link_both libx.so -O2 lib.c -Wl,-Bsymbolic
lib=rivet/libx.so
assert_eq "$(dyn_relocs $lib | awk '$3 == "helper" || $3 == "shared_var"' | wc -l)" 0 "$lib: dynamic relocations against helper or shared_var under -Bsymbolic"
assert_eq "$(dynsym_count $lib helper) $(dynsym_count $lib shared_var)" "1 1" "$lib: .dynsym entries for helper and shared_var (still exported)"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lx
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode 110
done
if dynamic_flags bfd/libx.so | grep -qx SYMBOLIC; then
  assert_has_word "$(dynamic_flags $lib)" SYMBOLIC "DT_FLAGS of $lib (ld.bfd sets DF_SYMBOLIC for -Bsymbolic)"
fi
so_elflint_compare libx.so

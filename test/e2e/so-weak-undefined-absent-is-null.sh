#!/usr/bin/env bash
# A weak undefined function and variable in a shared object are left to the loader
# (WEAK UND in .dynsym, GLOB_DAT/JUMP_SLOT or GOT entries), which resolves them to 0
# when nothing at run time defines them, so the library's "if (&sym)" checks see NULL;
# when the executable does define them (exported because the library references
# them), the same library finds and uses them.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((weak)) int opt_hook(int);
__attribute__((weak)) extern int opt_var;
int lib_probe(int x) {
  int r = 0;
  if (opt_hook) r += opt_hook(x);
  else r += 1000;
  if (&opt_var) r += opt_var;
  else r += 2000;
  return r;
}
EOF2
cat >absent.c <<'EOF2'
#include <stdio.h>
int lib_probe(int);
int main(void) { printf("%d\n", lib_probe(1)); return 0; }
EOF2
cat >present.c <<'EOF2'
#include <stdio.h>
int opt_var = 40;
int opt_hook(int x) { return x + 2; }
int lib_probe(int);
int main(void) { printf("%d\n", lib_probe(1)); return 0; }
EOF2
so_link_both libweak.so -O1 lib.c
lib=rivet/libweak.so
assert_eq "$(dynsym_field $lib opt_hook bind) $(dynsym_field $lib opt_hook ndx)" "WEAK UND" "$lib: .dynsym entry of opt_hook"
assert_eq "$(dynsym_field $lib opt_var bind) $(dynsym_field $lib opt_var ndx)" "WEAK UND" "$lib: .dynsym entry of opt_var"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o absent-$mode.o absent.c
  compile_c -O1 "${MODE_CFLAGS[@]}" -o present-$mode.o present.c
  so_dlink_matrix absent-$mode "${MODE_LDFLAGS[@]}" absent-$mode.o -lweak
  so_run_matrix absent-$mode
  so_expect_stdout absent-$mode 3000
  so_dlink_matrix present-$mode "${MODE_LDFLAGS[@]}" present-$mode.o -lweak
  so_run_matrix present-$mode
  so_expect_stdout present-$mode 43
done
so_elflint_compare libweak.so

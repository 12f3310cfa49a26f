#!/usr/bin/env bash
# --gc-sections in a shared object: every exported definition is a root and is kept
# (with what it uses), while unreferenced hidden and version-script-local functions
# in their own sections are removed -- the same set of survivors as with ld.bfd -- and
# the library still works.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
static int used_by_export(int x) { return x + 1; }
int exported_fn(int x) { return used_by_export(x) * 2; }
int exported_var = 5;
__attribute__((visibility("hidden"))) int hidden_unused(int x) { return x * 99; }
int script_local_unused(int x) { return x * 77; }
int another_export(void) { return exported_var; }
EOF2
cat >lib.map <<'EOF2'
{ global: exported_*; another_export; local: *; };
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int exported_fn(int), another_export(void);
int main(void) { printf("%d %d\n", exported_fn(3), another_export()); return 0; }
EOF2
so_link_both libgc.so -O1 -ffunction-sections -fdata-sections lib.c -Wl,--gc-sections -Wl,--version-script=lib.map
lib=rivet/libgc.so
for s in exported_fn exported_var another_export; do
  assert_eq "$(dynsym_count $lib $s)" 1 "$lib: .dynsym entries for $s (exported, a GC root)"
done
for s in hidden_unused script_local_unused; do
  assert_eq "$(symbol_count $lib $s)" "$(symbol_count bfd/libgc.so $s)" "$lib: .symtab entries for $s (ld.bfd's library has $(symbol_count bfd/libgc.so $s): garbage-collected)"
done
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lgc
so_run_matrix prog
so_expect_stdout prog "8 5"
so_elflint_compare libgc.so

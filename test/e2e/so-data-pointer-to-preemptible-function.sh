#!/usr/bin/env bash
# A table of function pointers in a shared object (.data.rel.ro, `const` table) and a
# writable pointer (.data) naming the library's own default-visibility functions need
# R_X86_64_64 relocations against the symbols, not RELATIVE ones: the executable
# defines one of them, and the library's table must then point at the executable's
# definition -- the same address the executable has for it -- while a hidden
# function's entry is a plain RELATIVE.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int op_add(int a, int b) { return a + b; }
int op_mul(int a, int b) { return a * b; }
__attribute__((visibility("hidden"))) int op_sub(int a, int b) { return a - b; }
int (*const ops[3])(int, int) = {op_add, op_mul, op_sub};
int (*default_op)(int, int) = op_mul;
int lib_apply(int i, int a, int b) { return ops[i](a, b); }
int lib_apply_default(int a, int b) { return default_op(a, b); }
void *lib_ops_entry(int i) { return (void *)ops[i]; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int op_mul(int a, int b) { return a * b * 1000; }
int op_add(int, int);
int lib_apply(int, int, int), lib_apply_default(int, int);
void *lib_ops_entry(int);
int main(void) {
  printf("%d %d %d %d\n", lib_apply(0, 6, 7), lib_apply(1, 6, 7), lib_apply(2, 6, 7), lib_apply_default(2, 3));
  printf("table entries equal exe addresses: add %d mul %d\n", lib_ops_entry(0) == (void *)op_add, lib_ops_entry(1) == (void *)op_mul);
  return 0;
}
EOF2
so_link_both libops.so -O1 lib.c
lib=rivet/libops.so
assert_eq "$(dyn_reloc_count $lib R_X86_64_64 op_add)" 1 "$lib: R_X86_64_64 relocations against op_add (the ops table)"
assert_eq "$(dyn_reloc_count $lib R_X86_64_64 op_mul)" 2 "$lib: R_X86_64_64 relocations against op_mul (ops table and default_op)"
assert_eq "$(dyn_relocs $lib | awk '$3 == "op_sub"' | wc -l)" 0 "$lib: relocations against the hidden op_sub"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lops
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode "13 42000 -1 6000
table entries equal exe addresses: add 1 mul 1"
done
so_elflint_compare libops.so

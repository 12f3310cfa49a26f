#!/usr/bin/env bash
# Objects built with -ffunction-sections -fdata-sections put every function and
# variable in its own section (.text.NAME, .data.NAME, .bss.NAME, .rodata.NAME). The
# linker gathers them into the conventional output sections .text, .data, .bss and
# .rodata, and every cross-section reference between them is a relocation it applies.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >parts.c <<'EOF'
int fs_data_var = 17;
int fs_bss_var;
const char fs_rodata_str[] = "read-only table entry";
static int fs_static_helper(int x) { return x + fs_data_var; }
int fs_alpha(int x) { return fs_static_helper(x) * 2; }
int fs_beta(int x) { return fs_alpha(x) - fs_bss_var; }
int fs_unused(int x) { return x - 1; }
int *fs_bss_addr(void) { return &fs_bss_var; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int fs_alpha(int), fs_beta(int);
int *fs_bss_addr(void);
extern int fs_data_var;
extern const char fs_rodata_str[];
int fs_main_counter = 3;
int main(void) {
  *fs_bss_addr() = 4;
  fs_data_var += fs_main_counter;
  printf("alpha=%d beta=%d str=%s\n", fs_alpha(1), fs_beta(2), fs_rodata_str);
  return 0;
}
EOF
compile_c -O1 -ffunction-sections -fdata-sections -fno-inline -o parts.o parts.c
compile_c -O1 -ffunction-sections -fdata-sections -o main.o main.c
for s in .text.fs_alpha .data.fs_data_var .bss.fs_bss_var .rodata.fs_rodata_str; do
  grep -qx "$s" <(section_names parts.o) || fail "test setup: expected section $s in parts.o"
done
link_both fs main.o parts.o

run_both_and_compare fs
expect_stdout fs "alpha=42 beta=40 str=read-only table entry"
expect_status fs 0
elflint_compare fs

leftover=$(section_names fs.rivet | grep -E '^\.(text|data|bss|rodata)\.fs_' || true)
[ -z "$leftover" ] || fail "expected the per-function/per-variable sections merged into .text/.data/.bss/.rodata, found output sections: $leftover"
for pair in fs_alpha:.text fs_beta:.text fs_unused:.text main:.text fs_data_var:.data fs_main_counter:.data \
  fs_bss_var:.bss fs_rodata_str:.rodata; do
  sym=${pair%%:*}
  want=${pair#*:}
  ndx=$(symbol_field fs.rivet "$sym" ndx)
  [ -n "$ndx" ] || fail "expected $sym in .symtab, found none"
  assert_eq "$(section_name_by_index fs.rivet "$ndx")" "$want" "output section of $sym"
done

#!/usr/bin/env bash
# Fat LTO objects (-flto -ffat-lto-objects) carry GIMPLE bytecode in .gnu.lto_*
# sections next to ordinary machine code. Linked with -fno-lto, the machine code is
# used and the bytecode sections must be dropped from the output.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lto_lib.c <<'EOF'
int lto_lib_mix(int a, int b) { return a * 31 + b; }
EOF
cat >lto_main.c <<'EOF'
#include <stdio.h>
int lto_lib_mix(int, int);
int main(void) {
  int h = 7;
  for (int i = 0; i < 5; i++) h = lto_lib_mix(h, i);
  printf("hash=%d\n", h);
  return 0;
}
EOF
compile_c -O2 -flto -ffat-lto-objects -o lto_lib.o lto_lib.c
compile_c -O2 -flto -ffat-lto-objects -o lto_main.o lto_main.c
grep -q '^\.gnu\.lto_' <(section_names lto_lib.o) || fail "test setup: expected .gnu.lto_* sections in the fat object lto_lib.o"
[ "$(hex_to_dec "$(section_field lto_lib.o .text size)")" -gt 0 ] || fail "test setup: expected machine code in .text of the fat object lto_lib.o"
link_both fat -fno-lto lto_main.o lto_lib.o

run_both_and_compare fat
expect_stdout fat "hash=200435867"
expect_status fat 0
elflint_compare fat

lto_sections=$(section_names fat.rivet | grep '^\.gnu\.lto_' || true)
[ -z "$lto_sections" ] || fail "expected no .gnu.lto_* sections in the output, found: $(echo "$lto_sections" | tr '\n' ' ')"

#!/usr/bin/env bash
# With -z notext, an absolute address in a read-only section of a PIE (here .quad in
# .rodata against a local and a global symbol) is accepted as a text relocation: the
# output has R_X86_64_RELATIVE at those places, DT_TEXTREL (or DF_TEXTREL in DT_FLAGS),
# the linker warns with "text relocation"-style wording naming the section, and the
# program runs with the pointers relocated. (Without -z notext this is an error: see
# dyn-error-textrel-rodata-pie.)
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >table.s <<'EOF2'
	.data
local_var:
	.long 1234
	.globl global_var
global_var:
	.long 5678
	.section .rodata,"a"
	.p2align 3
	.globl ro_table
ro_table:
	.quad local_var
	.quad global_var
	.section .note.GNU-stack,"",@progbits
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int *const ro_table[2];
int main(void) { printf("%d %d\n", *ro_table[0], *ro_table[1]); return 0; }
EOF2
run as -o table.o table.s
compile_c -O1 -fPIE -o main.o main.c
dlink_bfd prog.bfd -pie main.o table.o -Wl,-z,notext
dlink_rivet prog.rivet -pie main.o table.o -Wl,-z,notext 2>link.stderr || fail "rivet failed to link with -z notext; stderr: $(cat link.stderr)"
cat link.stderr >&2
run_both_and_compare prog
expect_stdout prog "1234 5678"
f=prog.rivet
if ! has_dynamic_tag $f TEXTREL; then
  case " $(dynamic_values $f FLAGS) " in
    *" TEXTREL "*) ;;
    *) fail "$f: expected DT_TEXTREL or DF_TEXTREL in DT_FLAGS for a text relocation under -z notext, got: $(dynamic_tags $f | tr '\n' ';')" ;;
  esac
fi
ro=$(hex_to_dec "$(symbol_field $f ro_table value)")
n=$(dyn_relocs $f | awk -v a="$ro" '{ o = 0; h = $1; for (i = 1; i <= length(h); i++) o = o * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1; if (o == a || o == a + 8) c++ } END { print c + 0 }')
assert_eq "$n" 2 "$f: dynamic relocations at ro_table and ro_table+8"
assert_contains "$(cat link.stderr)" "warning:" "rivet's stderr for a text relocation under -z notext"
assert_contains "$(cat link.stderr)" ".rodata" "rivet's warning for a text relocation under -z notext"
elflint_compare prog

#!/usr/bin/env bash
# An absolute 64-bit address stored in .rodata of a PIE (here `.quad local_var` and
# `.quad global_var`, as -fno-pic code would put a pointer table there) needs a dynamic
# relocation in a read-only section -- a text relocation. Under the default -z text that
# is an error naming the relocation's section ("read-only section") and the way out
# ("-z notext"), and no output file is written. With -z notext the same link works
# (dyn-z-notext-textrel).
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

expect_link_error prog "read-only section" ".rodata" "-z notext" -- gcc -B"$RIVET_LIBEXEC/" -pie -o prog main.o table.o
assert_contains "$LINK_STDERR" "table.o" "link error message (names the object with the relocation)"
# The same place is reported once per relocation or once per section, not per symbol
# twice over; either way there must be no output.
printf 'output of an earlier, successful link\n' >prog
expect_link_error prog "read-only section" "-z notext" -- gcc -B"$RIVET_LIBEXEC/" -pie -o prog main.o table.o

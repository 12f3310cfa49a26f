#!/usr/bin/env bash
# A PC-relative reference to an absolute symbol (abs_sym = 0x1234, SHN_ABS) in a PIE:
# the distance from a code address that moves at load time to a fixed address is not a
# link-time constant and no dynamic relocation can express it. The link must fail with
# an error naming the "absolute symbol" abs_sym and leave no output. (ld.bfd 2.40 links
# it and the program computes a load-address-dependent wrong value, so it is no
# reference here.) Linked -no-pie, where both addresses are fixed, it works.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

# The absolute symbol is defined in another object: within one file the assembler
# would resolve the reference itself and leave no relocation.
cat >absdef.s <<'EOF2'
	.globl abs_sym
	abs_sym = 0x1234
	.section .note.GNU-stack,"",@progbits
EOF2
cat >abs.s <<'EOF2'
	.text
	.globl get_abs
	.type get_abs, @function
get_abs:
	leaq abs_sym(%rip), %rax
	ret
	.size get_abs, .-get_abs
	.section .note.GNU-stack,"",@progbits
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
void *get_abs(void);
int main(void) { printf("%lx\n", (unsigned long)get_abs()); return 0; }
EOF2
run as -o abs.o abs.s
run as -o absdef.o absdef.s
compile_c -O1 -fPIE -o main.o main.c
expect_link_error prog "absolute symbol" "abs_sym" -- gcc -B"$RIVET_LIBEXEC/" -pie -o prog main.o abs.o absdef.o
expect_one_error_line

dlink_both nopie -no-pie main.o abs.o absdef.o
run_both_and_compare nopie
expect_stdout nopie "1234"

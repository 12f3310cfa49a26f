#!/usr/bin/env bash
# In -shared, R_X86_64_32 (a 32-bit absolute address, `movl $var, %eax`) cannot be
# used at all: the load address is unknown and no dynamic relocation fits 32 bits.
# An error (exit 1, no output file) saying "recompile with -fPIC", naming the
# relocation, the symbol, the defining and the referencing object:(.text+0x1) -- even
# for a hidden symbol. A 64-bit absolute address (`.quad var` in .data) is the
# correct form: it links, becomes a dynamic relocation, and the pointer works.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >def.s <<'EOF2'
	.data
	.globl var
	.hidden var
	.type var, @object
	.size var, 4
var:	.long 23
	.section .note.GNU-stack,"",@progbits
EOF2
cat >ref.s <<'EOF2'
	.text
	.globl get_addr
	.type get_addr, @function
get_addr:
	movl $var, %eax
	ret
	.size get_addr, .-get_addr
	.section .note.GNU-stack,"",@progbits
EOF2
cat >ref64.s <<'EOF2'
	.data
	.globl var_ptr
	.type var_ptr, @object
	.size var_ptr, 8
var_ptr:	.quad var
	.section .note.GNU-stack,"",@progbits
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int *var_ptr;
int main(void) { printf("%d\n", *var_ptr); return 0; }
EOF2
run as -o def.o def.s
run as -o ref.o ref.s
run as -o ref64.o ref64.s
readelf -rW ref.o | grep -q 'R_X86_64_32 .*var' || fail "test setup: expected an R_X86_64_32 against var in ref.o"
expect_link_error libbad.so "recompile with -fPIC" "R_X86_64_32" "'var'" "def.o" "ref.o:(.text+0x1)" -- \
  gcc -shared -B"$RIVET_LIBEXEC/" -o libbad.so def.o ref.o
expect_one_error_line
so_link_both libgood.so def.o ref64.o
lib=rivet/libgood.so
assert_eq "$(dyn_reloc_count $lib R_X86_64_RELATIVE)" "$(dyn_reloc_count bfd/libgood.so R_X86_64_RELATIVE)" "$lib: RELATIVE relocations (var_ptr's among them), as many as ld.bfd's"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lgood
so_run_matrix prog
so_expect_stdout prog 23
so_elflint_compare libgood.so

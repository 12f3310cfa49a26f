#!/usr/bin/env bash
# In -shared, a GOT-generating reference (R_X86_64_GOTPCREL that may not be relaxed,
# assembled with -mrelax-relocations=no) to a protected variable resolves locally:
# its GOT slot gets an R_X86_64_RELATIVE, no GLOB_DAT against the symbol, so even an
# executable defining a variable of the same name does not change what the library
# reads. The same reference to a default-visibility variable keeps its GLOB_DAT.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >lib.s <<'EOF2'
	.data
	.globl pvar
	.protected pvar
	.type pvar, @object
	.size pvar, 4
pvar:	.long 12
	.globl dvar
	.type dvar, @object
	.size dvar, 4
dvar:	.long 34
	.text
	.globl get_pvar
	.type get_pvar, @function
get_pvar:
	movq pvar@GOTPCREL(%rip), %rax
	movl (%rax), %eax
	ret
	.size get_pvar, .-get_pvar
	.globl get_dvar
	.type get_dvar, @function
get_dvar:
	movq dvar@GOTPCREL(%rip), %rax
	movl (%rax), %eax
	ret
	.size get_dvar, .-get_dvar
	.section .note.GNU-stack,"",@progbits
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int pvar = 1000, dvar = 2000;
int get_pvar(void), get_dvar(void);
int main(void) { printf("%d %d\n", get_pvar(), get_dvar()); return 0; }
EOF2
run as -mrelax-relocations=no -o lib.o lib.s
readelf -rW lib.o | grep -q 'R_X86_64_GOTPCREL .*pvar' || fail "test setup: expected an R_X86_64_GOTPCREL against pvar in lib.o"
so_link_both libgp.so lib.o
lib=rivet/libgp.so
assert_eq "$(dyn_relocs $lib | awk '$3 == "pvar"' | wc -l)" 0 "$lib: dynamic relocations against the protected pvar"
assert_eq "$(dyn_reloc_count $lib R_X86_64_GLOB_DAT dvar)" 1 "$lib: GLOB_DAT relocations for the default-visibility dvar"
pvar_addr=$(dynsym_field $lib pvar value)
rel_to_pvar=$(readelf -rW $lib | awk -v a="$pvar_addr" '$3 == "R_X86_64_RELATIVE" { v = $4; sub(/^0+/, "", v); w = a; sub(/^0+/, "", w); if (v == w) c++ } END { print c + 0 }')
assert_eq "$rel_to_pvar" 1 "$lib: R_X86_64_RELATIVE relocations with addend = pvar's address ($pvar_addr), the GOT slot for pvar"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lgp
so_run_matrix prog
so_expect_stdout prog "12 2000"
so_elflint_compare libgp.so

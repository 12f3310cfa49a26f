#!/usr/bin/env bash
# In -shared, R_X86_64_PC32 against a default-visibility (preemptible) variable from
# .text (`leaq var(%rip), %rax`) cannot be resolved at link time -- the loader may bind
# var elsewhere -- and no dynamic relocation fits a 32-bit PC-relative field: an error
# (exit 1, no output file) that says "recompile with -fPIC" and names the relocation,
# var, the defining object and the referencing object:(.text+0x3). The -fPIC form of
# the same code (`movq var@GOTPCREL(%rip), %rax`) links, gets GLOB_DAT var, and runs.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >def.s <<'EOF2'
	.data
	.globl var
	.type var, @object
	.size var, 4
var:	.long 41
	.section .note.GNU-stack,"",@progbits
EOF2
cat >ref.s <<'EOF2'
	.text
	.globl get_var
	.type get_var, @function
get_var:
	leaq var(%rip), %rax
	movl (%rax), %eax
	ret
	.size get_var, .-get_var
	.section .note.GNU-stack,"",@progbits
EOF2
sed 's/leaq var(%rip), %rax/movq var@GOTPCREL(%rip), %rax/' ref.s >ref-got.s
cat >main.c <<'EOF2'
#include <stdio.h>
int get_var(void);
int main(void) { printf("%d\n", get_var()); return 0; }
EOF2
run as -o def.o def.s
run as -o ref.o ref.s
run as -mrelax-relocations=no -o ref-got.o ref-got.s
readelf -rW ref.o | grep -q 'R_X86_64_PC32.*var' || fail "test setup: expected an R_X86_64_PC32 against var in ref.o"
if gcc -shared -fuse-ld=bfd -o bfd-bad.so def.o ref.o 2>/dev/null; then
  fail "test setup: expected ld.bfd to reject the PC32 reference too"
fi
expect_link_error libbad.so "recompile with -fPIC" "R_X86_64_PC32" "'var'" "def.o" "ref.o:(.text+0x3)" -- \
  gcc -shared -B"$RIVET_LIBEXEC/" -o libbad.so def.o ref.o
expect_one_error_line

so_link_both libgood.so def.o ref-got.o
lib=rivet/libgood.so
assert_eq "$(dyn_reloc_count $lib R_X86_64_GLOB_DAT var)" 1 "$lib: GLOB_DAT relocations for var (GOTPCREL against a preemptible variable)"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lgood
so_run_matrix prog
so_expect_stdout prog 41
so_elflint_compare libgood.so

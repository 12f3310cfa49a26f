#!/usr/bin/env bash
# In -shared, R_X86_64_PC32 from .text against a protected or a hidden variable is fine:
# the variable cannot be preempted, so the offset is a link-time constant -- the link
# succeeds with no dynamic relocation for the variable at all (and no text
# relocation), and the code reads the library's variable.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

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
cat >main.c <<'EOF2'
#include <stdio.h>
int get_var(void);
int var = 1000;
int main(void) { printf("%d\n", get_var()); return 0; }
EOF2
run as -o ref.o ref.s
compile_c -O1 -o main.o main.c
for vis in protected hidden; do
  cat >def-$vis.s <<EOF2
	.data
	.globl var
	.$vis var
	.type var, @object
	.size var, 4
var:	.long 17
	.section .note.GNU-stack,"",@progbits
EOF2
  run as -o def-$vis.o def-$vis.s
  so_link_both lib$vis.so def-$vis.o ref.o
  lib=rivet/lib$vis.so
  assert_eq "$(dyn_relocs $lib | awk '$3 == "var"' | wc -l)" 0 "$lib: dynamic relocations against the $vis var"
  has_dynamic_tag $lib TEXTREL && fail "$lib: expected no DT_TEXTREL"
  so_dlink_matrix prog-$vis main.o -l$vis
  so_run_matrix prog-$vis
  so_expect_stdout prog-$vis 17
  so_elflint_compare lib$vis.so
done
assert_eq "$(dynsym_field rivet/libprotected.so var vis)" PROTECTED "rivet/libprotected.so: .dynsym visibility of var"
assert_eq "$(dynsym_count rivet/libhidden.so var)" 0 "rivet/libhidden.so: .dynsym entries for the hidden var"

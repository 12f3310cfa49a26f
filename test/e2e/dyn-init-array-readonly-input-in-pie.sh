#!/usr/bin/env bash
# An .init_array input without the write flag (hand-written assembly, or a const array
# from a -fno-pic object) in a PIE: it joins the writable .init_array output section, so
# its pointer is relocated like any other, without a text relocation (GNU ld links it;
# rivet refused it as a text relocation in a read-only section). Both constructors run,
# in ld.bfd's order, and there is no DT_TEXTREL.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

# The assembler makes any .init_array writable: the section is assembled under another
# name of the same length and renamed in the object.
printf '.globl init2\n.section .init_xxxxx,"a",@progbits\n.p2align 3\n.quad init2\n.section .note.GNU-stack,"",@progbits\n' >a.s
run as -o a.o a.s
run sed -i -e 's/init_xxxxx/init_array/g' a.o
readelf -SW a.o | grep -E '\] \.init_array +PROGBITS ' | grep -qE ' A +[0-9]' ||
  fail "expected a.o to hold a read-only PROGBITS .init_array, got: $(readelf -SW a.o | grep init_array)"

cat >b.c <<'EOF2'
#include <stdio.h>
static int order;
void init2(void) { order = order * 10 + 2; }
__attribute__((constructor)) static void init1(void) { order = order * 10 + 1; }
int main(void) { printf("%d\n", order); return 0; }
EOF2
compile_c -O1 -fPIE -o b.o b.c
dlink_both prog -pie a.o b.o
run_both_and_compare prog
has_dynamic_tag prog.rivet TEXTREL && fail "prog.rivet: expected no DT_TEXTREL"
flags=$(section_field prog.rivet .init_array flags)
[[ "$flags" == *W* ]] || fail "prog.rivet: expected a writable .init_array, got flags $flags"
elflint_compare prog

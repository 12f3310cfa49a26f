#!/usr/bin/env bash
# All inputs carry an empty, non-executable .note.GNU-stack, so the output must have a
# PT_GNU_STACK with flags RW (not RWE), and no PT_LOAD segment may be both writable and
# executable. -Wl,-z,execstack asks for an executable stack and gets RWE.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >prog.c <<'EOF'
#include <stdio.h>
int main(void) {
  puts("stack check");
  return 0;
}
EOF
compile_c -O1 -o prog.o prog.c
link_both stack prog.o
run_both_and_compare stack
expect_stdout stack "stack check"
elflint_compare stack

assert_eq "$(phdr_rows stack.rivet GNU_STACK | wc -l)" 1 "number of PT_GNU_STACK headers"
read -r _ _ _ _ _ flags _ <<<"$(phdr_rows stack.rivet GNU_STACK)"
assert_eq "$flags" RW "PT_GNU_STACK flags"
while read -r _ vaddr _ _ _ lflags _; do
  case "$lflags" in *W*E*) fail "expected no PT_LOAD that is both writable and executable, got one at $vaddr with flags $lflags" ;; esac
done < <(phdr_rows stack.rivet LOAD)

link_both execstack prog.o -Wl,-z,execstack
run_both_and_compare execstack
read -r _ _ _ _ _ flags _ <<<"$(phdr_rows execstack.rivet GNU_STACK)"
assert_eq "$flags" RWE "PT_GNU_STACK flags with -z execstack"

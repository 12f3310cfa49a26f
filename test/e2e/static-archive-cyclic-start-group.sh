#!/usr/bin/env bash
# Two archives that depend on each other (liba needs libb needs liba again), linked
# inside -Wl,--start-group ... -Wl,--end-group: the linker must keep extracting from
# both until no new undefined symbol can be resolved.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

cat >a_entry.c <<'EOF'
int b_middle(int);
int a_entry(int x) { return b_middle(x + 1); }
EOF
cat >a_leaf.c <<'EOF'
int a_leaf(int x) { return x * 10; }
EOF
cat >b_middle.c <<'EOF'
int a_leaf(int);
int b_middle(int x) { return a_leaf(x) + 7; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int a_entry(int);
int main(void) {
  printf("a_entry(4) = %d\n", a_entry(4));
  return 0;
}
EOF
for f in a_entry a_leaf b_middle main; do compile_c -O1 -o "$f.o" "$f.c"; done
run ar rcs liba.a a_entry.o a_leaf.o
run ar rcs libb.a b_middle.o
# The cycle is real: ld.bfd cannot link these archives in one pass without the group.
if gcc -static -fuse-ld=bfd -o nogroup.bfd main.o liba.a libb.a 2>/dev/null; then
  fail "test setup: expected ld.bfd to fail to link liba.a libb.a without --start-group, but it linked"
fi
link_both group main.o -Wl,--start-group liba.a libb.a -Wl,--end-group

run_both_and_compare group
expect_stdout group "a_entry(4) = 57"
expect_status group 0
elflint_compare group
for s in a_entry b_middle a_leaf; do
  assert_eq "$(symbol_count group.rivet "$s")" 1 "count of $s in .symtab"
done

#!/usr/bin/env bash
# An archive member that nothing outside the archive references, but that another
# extracted member needs, must be extracted too -- even when it comes earlier in the
# archive than the member that needs it. A member nobody references must stay out
# (its constructor must not run, its symbols must not appear).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

cat >inner.c <<'EOF'
int inner_value(int x) { return x * 3 + 1; }
EOF
cat >outer.c <<'EOF'
int inner_value(int);
int outer_value(int x) { return inner_value(x) + 100; }
EOF
cat >unused.c <<'EOF'
#include <unistd.h>
__attribute__((constructor)) static void unused_ctor(void) { write(1, "unused member linked\n", 21); }
int unused_value(void) { return -1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int outer_value(int);
int main(void) {
  printf("outer_value(5) = %d\n", outer_value(5));
  return 0;
}
EOF
for f in inner outer unused main; do compile_c -O1 -o "$f.o" "$f.c"; done
# inner.o first: a single front-to-back pass that only looks at symbols undefined so far
# would skip it, and only find out it is needed after extracting outer.o.
run ar rcs libchain.a inner.o unused.o outer.o
link_both chain main.o libchain.a

run_both_and_compare chain
expect_stdout chain "outer_value(5) = 116"
expect_status chain 0
elflint_compare chain

assert_eq "$(symbol_count chain.rivet inner_value)" 1 "count of inner_value in .symtab (member pulled in by outer.o)"
assert_eq "$(symbol_count chain.rivet outer_value)" 1 "count of outer_value in .symtab"
assert_eq "$(symbol_count chain.rivet unused_value)" 0 "count of unused_value in .symtab (unreferenced member)"

#!/usr/bin/env bash
# A symbol that already has a weak definition is not undefined, so the linker must not
# extract an archive member just because it has a strong definition of that symbol:
# the weak definition stays, and the member's other side effects (a constructor) must
# not appear.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

cat >archived.c <<'EOF'
#include <unistd.h>
const char *policy(void) { return "strong policy from archive"; }
__attribute__((constructor)) static void archived_ctor(void) { write(1, "archive member linked\n", 22); }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
__attribute__((weak)) const char *policy(void) { return "weak policy from main.o"; }
int main(void) {
  puts(policy());
  return 0;
}
EOF
compile_c -O1 -o archived.o archived.c
compile_c -O1 -o main.o main.c
run ar rcs libpolicy.a archived.o
link_both policy main.o libpolicy.a

run_both_and_compare policy
expect_stdout policy "weak policy from main.o"
expect_status policy 0
elflint_compare policy
assert_eq "$(symbol_field policy.rivet policy bind)" WEAK "binding of policy in .symtab (main.o's weak definition)"
assert_eq "$(symbol_count policy.rivet archived_ctor)" 0 "number of archived_ctor entries in .symtab (member not extracted)"

#!/usr/bin/env bash
# -Wl,--trace-symbol=NAME (-y NAME) reports every input file that references or defines
# NAME: here main.o references rivet_traced and the archive member traced.o defines it.
# The trace names the symbol and the files; other symbols are not traced.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

cat >traced.c <<'EOF'
int rivet_traced(int x) { return x * 5; }
EOF
cat >bystander.c <<'EOF'
int rivet_bystander(int x) { return x - 5; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int rivet_traced(int);
int rivet_bystander(int);
int main(void) {
  printf("%d %d\n", rivet_traced(3), rivet_bystander(3));
  return 0;
}
EOF
for f in traced bystander main; do compile_c -O1 -o "$f.o" "$f.c"; done
run ar rcs libtrace.a traced.o bystander.o

link_bfd trace.bfd main.o libtrace.a -Wl,--trace-symbol=rivet_traced
# Not through `run`: the echoed command line would itself mention the symbol.
status=0
gcc -static -B"$RIVET_LIBEXEC/" -o trace.rivet main.o libtrace.a -Wl,--trace-symbol=rivet_traced >trace.out 2>&1 || status=$?
cat trace.out >&2
[ "$status" = 0 ] || fail "expected the link with --trace-symbol to succeed, it exited $status"

run_both_and_compare trace
expect_stdout trace "15 -2"
elflint_compare trace

grep 'rivet_traced' trace.out >trace.lines || fail "expected --trace-symbol output mentioning rivet_traced, got:"$'\n'"$(cat trace.out)"
grep -q 'traced\.o' trace.lines ||
  fail "expected a trace line naming the defining file traced.o, got:"$'\n'"$(cat trace.lines)"
grep -q 'main\.o' trace.lines ||
  fail "expected a trace line naming the referencing file main.o, got:"$'\n'"$(cat trace.lines)"
if grep -q 'rivet_bystander' trace.out; then
  fail "expected only rivet_traced to be traced, got a line about rivet_bystander:"$'\n'"$(cat trace.out)"
fi

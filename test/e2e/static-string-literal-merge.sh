#!/usr/bin/env bash
# String literals live in SHF_MERGE|SHF_STRINGS sections (.rodata.str1.1). When two
# translation units contain the same literal, ld.bfd merges them into one copy, so
# pointers to it compare equal; rivet must behave the same way (the program prints the
# comparison, and the output holds the string once), and references to merged strings
# at an offset (&"..."[n]) must still point at the right characters.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >one.c <<'EOF'
const char *literal_from_one(void) { return "rivet merges this literal"; }
const char *tail_from_one(void) { return &"rivet merges this literal"[6]; }
const char *unique_from_one(void) { return "only in one.c"; }
EOF
cat >two.c <<'EOF'
const char *literal_from_two(void) { return "rivet merges this literal"; }
const char *const literal_in_data_two = "rivet merges this literal";
EOF
cat >main.c <<'EOF'
#include <stdio.h>
#include <string.h>
const char *literal_from_one(void), *tail_from_one(void), *unique_from_one(void);
const char *literal_from_two(void);
extern const char *const literal_in_data_two;
int main(void) {
  const char *a = literal_from_one(), *b = literal_from_two();
  printf("contents equal: %d\n", strcmp(a, b) == 0);
  printf("pointers equal: %d (data: %d)\n", a == b, a == literal_in_data_two);
  printf("tail: %s\n", tail_from_one());
  printf("unique: %s\n", unique_from_one());
  return 0;
}
EOF
for f in one two main; do compile_c -O1 -o "$f.o" "$f.c"; done
grep -q '\.rodata\.str1\.1.*AMS' <(readelf -SW one.o) || fail "test setup: expected one.o to carry its literals in a mergeable .rodata.str1.1 (flags AMS)"
link_both merge main.o one.o two.o

run_both_and_compare merge
expect_status merge 0
grep -qx 'contents equal: 1' merge.rivet.stdout || fail "expected 'contents equal: 1', got:"$'\n'"$(cat merge.rivet.stdout)"
grep -qx 'tail: merges this literal' merge.rivet.stdout || fail "expected 'tail: merges this literal', got:"$'\n'"$(cat merge.rivet.stdout)"
elflint_compare merge

count_copies() { grep -c -a -o 'rivet merges this literal' "$1" || true; }
assert_eq "$(count_copies merge.rivet)" "$(count_copies merge.bfd)" "copies of the literal in the output file (rivet vs ld.bfd)"

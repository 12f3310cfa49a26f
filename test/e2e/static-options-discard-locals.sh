#!/usr/bin/env bash
# Which local symbols of the inputs reach .symtab, as ld.bfd decides: by default the
# assembler's temporaries that point into SHF_MERGE sections (.LC0, a string) are
# dropped and other ".L" labels are kept (an object assembled with -L keeps them);
# -X drops every ".L*", -x every local of the inputs (file symbols too), and
# --discard-none keeps them all. The set of local names from the test object must
# equal ld.bfd's for each option, and the program still runs.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >locals.c <<'EOF2'
static int counter;
__attribute__((noinline)) static int bump(int x) { return x + counter++; }
const char *message(void) { return "merged string"; }
int public_entry(int x) { return bump(x); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int public_entry(int);
const char *message(void);
int main(void) { printf("%s %d\n", message(), public_entry(41) + 1); return 0; }
EOF2
compile_c -O1 -Wa,-L -o locals.o locals.c
compile_c -O1 -o main.o main.c
# The object really has both kinds of temporaries, or the test proves nothing.
readelf -sW locals.o | grep -q ' \.LC0$' || fail "expected locals.o to define .LC0 (gas -L)"
readelf -sW locals.o | grep -q ' \.LFB' || fail "expected locals.o to define .LFB* labels (gas -L)"

# The local symbols of locals.o that the output keeps: the output's locals whose names
# locals.o defines as locals (libc's objects have locals of their own).
readelf -sW locals.o | awk '$5 == "LOCAL" && $8 != "" && $4 != "SECTION" { print $8 }' | sort -u >object-locals.txt
locals_of_object() {
  readelf -sW "$1" | awk '$5 == "LOCAL" && $8 != "" { print $8 }' | sort -u | comm -12 - object-locals.txt
}
for opt in "" -X -x --discard-none --discard-locals --discard-all; do
  link_both "discard$opt" main.o locals.o ${opt:+-Wl,$opt}
  run_both_and_compare "discard$opt"
  expect_stdout "discard$opt" "merged string 42"
  assert_eq "$(locals_of_object "discard$opt.rivet")" "$(locals_of_object "discard$opt.bfd")" \
    "local symbols of locals.o in the output with '${opt:-no option}' (as ld.bfd)"
done
# And the options differ from each other, so the comparison above was not vacuous.
assert_contains "$(locals_of_object discard.rivet)" ".LFB" "default: .L labels outside merged sections kept"
assert_not_contains "$(locals_of_object discard.rivet)" ".LC0" "default: .LC0 (in a merged string section) dropped"
assert_contains "$(locals_of_object discard--discard-none.rivet)" ".LC0" "--discard-none: .LC0 kept"
assert_not_contains "$(locals_of_object discard-X.rivet)" ".L" "-X: no .L symbol"
assert_contains "$(locals_of_object discard-X.rivet)" "counter" "-X: named locals kept"
assert_eq "$(locals_of_object discard-x.rivet)" "" "-x: no local symbol of locals.o"

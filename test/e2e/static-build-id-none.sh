#!/usr/bin/env bash
# gcc passes --build-id to the linker by default; a later -Wl,--build-id=none must
# cancel it: no NT_GNU_BUILD_ID note and no .note.gnu.build-id section.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >prog.c <<'EOF'
#include <stdio.h>
int main(void) { puts("no build id"); return 0; }
EOF
compile_c -O1 -o prog.o prog.c
link_both bid prog.o -Wl,--build-id=none
run_both_and_compare bid
expect_stdout bid "no build id"
elflint_compare bid

assert_eq "$(build_id bid.rivet)" "" "build ID from readelf -n"
! has_section bid.rivet .note.gnu.build-id || fail "expected no .note.gnu.build-id section with --build-id=none"
# And with gcc's default --build-id alone there is one.
link_rivet default.rivet prog.o
[ -n "$(build_id default.rivet)" ] || fail "expected a build ID note from gcc's default --build-id, found none"

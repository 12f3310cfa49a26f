#!/usr/bin/env bash
# -Wl,--build-id=0xdeadbeef writes exactly the given bytes as the NT_GNU_BUILD_ID note
# (overriding the plain --build-id gcc passes by default).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >prog.c <<'EOF'
#include <stdio.h>
int main(void) { puts("fixed build id"); return 0; }
EOF
compile_c -O1 -o prog.o prog.c
link_both bid prog.o -Wl,--build-id=0xdeadbeef
run_both_and_compare bid
expect_stdout bid "fixed build id"
elflint_compare bid

assert_eq "$(build_id bid.rivet)" deadbeef "build ID from readelf -n"
assert_eq "$(readelf -nW bid.rivet | grep -c 'NT_GNU_BUILD_ID')" 1 "number of NT_GNU_BUILD_ID notes"

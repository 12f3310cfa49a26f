#!/usr/bin/env bash
# -Wl,--build-id=md5 writes a 16-byte NT_GNU_BUILD_ID note, the same for the same
# inputs and different for different ones.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

for v in 1 2; do
  cat >"prog$v.c" <<EOF
#include <stdio.h>
int main(void) { printf("variant $v\n"); return 0; }
EOF
  compile_c -O1 -o "prog$v.o" "prog$v.c"
done
link_both bid prog1.o -Wl,--build-id=md5
run_both_and_compare bid
expect_stdout bid "variant 1"
elflint_compare bid

id=$(build_id bid.rivet)
[[ "$id" =~ ^[0-9a-f]{32}$ ]] || fail "expected a 32-hex-digit MD5 build ID in readelf -n, got '$id'"
assert_eq "$(readelf -nW bid.rivet | grep -c 'NT_GNU_BUILD_ID')" 1 "number of NT_GNU_BUILD_ID notes"
link_rivet bid_again.rivet prog1.o -Wl,--build-id=md5
assert_eq "$(build_id bid_again.rivet)" "$id" "build ID of a second link of the same inputs"
link_rivet bid_other.rivet prog2.o -Wl,--build-id=md5
[ "$(build_id bid_other.rivet)" != "$id" ] || fail "expected a different build ID for a different program, got the same $id"
# The ID is the digest of the whole output, hashed as lld does: 1 MiB blocks, then the
# blocks' digests (libcrypto's md5, computed here by Python's hashlib).
assert_eq "$id" "$(tree_build_id bid.rivet md5)" "the md5 build ID against the output's digest"

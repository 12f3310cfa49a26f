#!/usr/bin/env bash
# -Wl,--build-id=md5 writes a 16-byte NT_GNU_BUILD_ID note, --build-id=sha256 (mold's
# style; GNU ld 2.40 ignores it with a warning) a 32-byte one: the same for the same
# inputs, different for different ones, and the tree digest of the output.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

for v in 1 2; do
  cat >"prog$v.c" <<EOF
#include <stdio.h>
int main(void) { printf("variant $v\n"); return 0; }
EOF
  compile_c -O1 -o "prog$v.o" "prog$v.c"
done
for style in md5:32 sha256:64; do
  alg=${style%:*} digits=${style#*:}
  link_both bid_$alg prog1.o -Wl,--build-id=$alg
  run_both_and_compare bid_$alg
  expect_stdout bid_$alg "variant 1"
  elflint_compare bid_$alg

  id=$(build_id bid_$alg.rivet)
  [[ "$id" =~ ^[0-9a-f]{$digits}$ ]] || fail "expected a $digits-hex-digit $alg build ID in readelf -n, got '$id'"
  assert_eq "$(readelf -nW bid_$alg.rivet | grep -c 'NT_GNU_BUILD_ID')" 1 "number of NT_GNU_BUILD_ID notes ($alg)"
  link_rivet bid_again.rivet prog1.o -Wl,--build-id=$alg
  assert_eq "$(build_id bid_again.rivet)" "$id" "$alg build ID of a second link of the same inputs"
  link_rivet bid_other.rivet prog2.o -Wl,--build-id=$alg
  [ "$(build_id bid_other.rivet)" != "$id" ] || fail "expected a different $alg build ID for a different program, got the same $id"
  # The ID is the digest of the whole output, hashed as lld does: 1 MiB blocks, then the
  # blocks' digests (libcrypto's, computed here by Python's hashlib).
  assert_eq "$id" "$(tree_build_id bid_$alg.rivet $alg)" "the $alg build ID against the output's digest"
done

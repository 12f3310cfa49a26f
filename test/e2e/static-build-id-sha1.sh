#!/usr/bin/env bash
# -Wl,--build-id=sha1 writes an NT_GNU_BUILD_ID note of 20 bytes into an allocated
# .note.gnu.build-id section covered by a PT_NOTE segment. The ID is a hash of the
# output: the same inputs give the same ID, different inputs a different one.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

for v in 1 2; do
  cat >"prog$v.c" <<EOF
#include <stdio.h>
int main(void) { printf("variant $v\n"); return 0; }
EOF
  compile_c -O1 -o "prog$v.o" "prog$v.c"
done
link_both bid prog1.o -Wl,--build-id=sha1
run_both_and_compare bid
expect_stdout bid "variant 1"
elflint_compare bid

id=$(build_id bid.rivet)
[[ "$id" =~ ^[0-9a-f]{40}$ ]] || fail "expected a 40-hex-digit SHA-1 build ID in readelf -n, got '$id'"
assert_eq "$(readelf -nW bid.rivet | grep -c 'NT_GNU_BUILD_ID')" 1 "number of NT_GNU_BUILD_ID notes"
assert_contains "$(section_field bid.rivet .note.gnu.build-id flags)" A "flags of .note.gnu.build-id (allocated)"
assert_eq "$(section_field bid.rivet .note.gnu.build-id type)" NOTE "type of .note.gnu.build-id"
note_addr=$(hex_to_dec "$(section_field bid.rivet .note.gnu.build-id addr)")
covered=0
while read -r _ vaddr _ filesz _ _ _; do
  lo=$(hex_to_dec "$vaddr")
  [ "$note_addr" -ge "$lo" ] && [ "$note_addr" -lt $((lo + $(hex_to_dec "$filesz"))) ] && covered=1
done < <(phdr_rows bid.rivet NOTE)
[ "$covered" = 1 ] || fail "expected a PT_NOTE segment covering .note.gnu.build-id at $note_addr, got PT_NOTEs:"$'\n'"$(phdr_rows bid.rivet NOTE)"

link_rivet bid_again.rivet prog1.o -Wl,--build-id=sha1
assert_eq "$(build_id bid_again.rivet)" "$id" "build ID of a second link of the same inputs"
link_rivet bid_other.rivet prog2.o -Wl,--build-id=sha1
other=$(build_id bid_other.rivet)
[ "$other" != "$id" ] || fail "expected a different build ID for a different program, got the same $id"
# The ID is the digest of the whole output, hashed as lld does: 1 MiB blocks, then the
# blocks' digests (libcrypto's sha1, computed here by Python's hashlib).
assert_eq "$id" "$(tree_build_id bid.rivet sha1)" "the sha1 build ID against the output's digest"

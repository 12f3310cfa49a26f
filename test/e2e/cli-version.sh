#!/usr/bin/env bash
# `ld.rivet --version` prints a version line naming rivet and exits 0 without needing
# any input files (build systems probe linkers this way).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

status=0
note "$LD_RIVET --version"
"$LD_RIVET" --version >version.out 2>version.err || status=$?
[ "$status" = 0 ] || fail "expected ld.rivet --version to exit 0, got $status; stderr: $(cat version.err)"
assert_contains "$(cat version.out)" rivet "stdout of ld.rivet --version"
[ ! -s version.err ] || fail "expected nothing on stderr from ld.rivet --version, got: $(cat version.err)"

#!/usr/bin/env bash
# __thread variables in a dynamically linked executable reached from -fPIC code with the
# local-dynamic model (R_X86_64_TLSLD for the module base + R_X86_64_DTPOFF32 offsets):
# relaxed to local-exec, no dynamic TLS relocation, every thread sees its own copy.
# Linked as PIE and -no-pie.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
access_cflags=(-fPIC -ftls-model=local-dynamic)
want_relocs=(R_X86_64_TLSLD R_X86_64_DTPOFF32)
# shellcheck source=common/tls-in-exe.bash
source "$RIVET_SRC/test/e2e/common/tls-in-exe.bash"

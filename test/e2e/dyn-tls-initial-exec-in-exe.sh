#!/usr/bin/env bash
# __thread variables in a dynamically linked executable reached with the initial-exec
# model (R_X86_64_GOTTPOFF: a GOT slot holding the TP offset). The offset is known at
# link time, so the slot (or the relaxed instruction) holds a constant and no
# R_X86_64_TPOFF64 is emitted; every thread sees its own copy. PIE and -no-pie.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
access_cflags=(-fPIC -ftls-model=initial-exec)
want_relocs=(R_X86_64_GOTTPOFF)
# shellcheck source=common/tls-in-exe.bash
source "$RIVET_SRC/test/e2e/common/tls-in-exe.bash"

#!/usr/bin/env bash
# __thread variables in a dynamically linked executable reached with the local-exec
# model (R_X86_64_TPOFF32: a constant offset from %fs:0). In a dynamic executable the
# loader places the executable's TLS block first, at the offset the linker computed from
# PT_TLS's size and alignment; every thread must see its own copy. PIE and -no-pie.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
access_cflags=(-fPIE -ftls-model=local-exec)
want_relocs=(R_X86_64_TPOFF32)
# shellcheck source=common/tls-in-exe.bash
source "$RIVET_SRC/test/e2e/common/tls-in-exe.bash"

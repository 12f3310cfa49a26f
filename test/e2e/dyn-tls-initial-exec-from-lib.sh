#!/usr/bin/env bash
# __thread variables defined in a shared library and reached from the executable with
# the initial-exec model (R_X86_64_GOTTPOFF): the linker must create a GOT slot per
# variable with R_X86_64_TPOFF64 for the loader to fill in with the variable's offset
# from the thread pointer. Every thread must reach its own copy, the same one the
# library's functions see. PIE and -no-pie.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
access_cflags=(-fPIC -ftls-model=initial-exec)
want_relocs=(R_X86_64_GOTTPOFF)
# shellcheck source=common/tls-from-lib.bash
source "$RIVET_SRC/test/e2e/common/tls-from-lib.bash"

#!/usr/bin/env bash
# __thread variables defined in a shared library and reached from the executable's -fPIC
# code with the general-dynamic model (R_X86_64_TLSGD + __tls_get_addr). In an
# executable the library's TLS is in the static TLS block, so the linker relaxes the
# sequence to initial-exec with an R_X86_64_TPOFF64 GOT slot. Every thread must reach its
# own copy, the same one the library's functions see. PIE and -no-pie.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
access_cflags=(-fPIC -ftls-model=global-dynamic)
want_relocs=(R_X86_64_TLSGD)
# shellcheck source=common/tls-from-lib.bash
source "$RIVET_SRC/test/e2e/common/tls-from-lib.bash"

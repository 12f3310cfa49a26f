#!/usr/bin/env bash
# __thread variables defined in a shared library and reached from the executable's -fPIC
# code through TLS descriptors (-mtls-dialect=gnu2). In an executable the linker relaxes
# them to initial-exec: R_X86_64_TPOFF64 GOT slots, no R_X86_64_TLSDESC. Every thread
# must reach its own copy, the same one the library's functions see. PIE and -no-pie.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
access_cflags=(-fPIC -mtls-dialect=gnu2)
want_relocs=(R_X86_64_GOTPC32_TLSDESC R_X86_64_TLSDESC_CALL)
# shellcheck source=common/tls-from-lib.bash
source "$RIVET_SRC/test/e2e/common/tls-from-lib.bash"

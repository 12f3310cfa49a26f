#!/usr/bin/env bash
# __thread variables in a dynamically linked executable reached from -fPIC code with
# the TLS descriptor dialect (-mtls-dialect=gnu2: R_X86_64_GOTPC32_TLSDESC +
# R_X86_64_TLSDESC_CALL). Relaxed to local-exec in an executable: no R_X86_64_TLSDESC
# and no other dynamic TLS relocation; every thread sees its own copy. PIE and -no-pie.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
access_cflags=(-fPIC -mtls-dialect=gnu2)
want_relocs=(R_X86_64_GOTPC32_TLSDESC R_X86_64_TLSDESC_CALL)
# shellcheck source=common/tls-in-exe.bash
source "$RIVET_SRC/test/e2e/common/tls-in-exe.bash"

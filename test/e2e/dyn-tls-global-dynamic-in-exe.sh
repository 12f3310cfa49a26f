#!/usr/bin/env bash
# __thread variables defined in a dynamically linked executable and reached from -fPIC
# code with the general-dynamic model (R_X86_64_TLSGD + call __tls_get_addr). The
# variables belong to the executable (module 1), so the linker relaxes each sequence to
# local-exec and leaves no dynamic TLS relocation; every thread reaches its own copy.
# Linked as PIE and -no-pie.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
access_cflags=(-fPIC -ftls-model=global-dynamic)
want_relocs=(R_X86_64_TLSGD)
# shellcheck source=common/tls-in-exe.bash
source "$RIVET_SRC/test/e2e/common/tls-in-exe.bash"

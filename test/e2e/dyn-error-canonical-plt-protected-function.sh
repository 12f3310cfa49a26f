#!/usr/bin/env bash
# Taking the address of a library's protected function from -fno-pic -no-pie code would
# need a canonical PLT entry, but the library binds its own references locally, so
# &prot_fn would differ between the executable and the library. The link must fail
# naming the "protected symbol" prot_fn, and leave no output. (Calling it is fine:
# dyn-protected-function-call.)
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((visibility("protected"))) int prot_fn(int x) { return x; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int prot_fn(int);
int (*volatile fp)(int);
int main(void) { fp = prot_fn; printf("%d\n", fp(1)); return 0; }
EOF2
build_shlib libpf.so libpf.so lib.c
compile_c -O1 -fno-pic -o main.o main.c
grep -Eq 'R_X86_64_32S? +[0-9a-f]+ prot_fn' <(readelf -rW main.o) ||
  fail "test setup: expected an absolute R_X86_64_32/32S against prot_fn in main.o, got: $(readelf -rW main.o | grep prot_fn)"
expect_link_error prog "protected symbol" "prot_fn" -- gcc -B"$RIVET_LIBEXEC/" -no-pie -o prog main.o -L. -lpf
expect_one_error_line

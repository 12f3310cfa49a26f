#!/usr/bin/env bash
# A reference declared hidden promises the symbol is defined inside the executable; a
# definition in a shared library cannot satisfy it (the code uses a PC-relative address
# with no GOT or PLT). The link must fail with an error naming lib_var as an undefined
# hidden symbol (ld.bfd: "hidden symbol ... isn't defined"), and leave no output.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_var = 3;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern __attribute__((visibility("hidden"))) int lib_var;
int main(void) { printf("%d\n", lib_var); return 0; }
EOF2
build_shlib libhv.so libhv.so lib.c
compile_c -O1 -fPIE -o main.o main.c
if gcc -fuse-ld=bfd -o bfd.out main.o -L. -lhv 2>bfd.stderr; then
  fail "test setup: expected ld.bfd to reject the hidden reference to a library's symbol"
fi
expect_link_error prog "undefined" "hidden" "lib_var" -- gcc -B"$RIVET_LIBEXEC/" -o prog main.o -L. -lhv
expect_one_error_line

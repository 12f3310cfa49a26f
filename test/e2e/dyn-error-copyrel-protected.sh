#!/usr/bin/env bash
# A library's protected variable binds locally inside the library, so a copy in the
# executable would split it in two (the library would keep using its own). -fno-pic
# -no-pie code reading it needs exactly such a COPY relocation: the link must fail with
# an error about a copy relocation for "protected symbol" 'pvar', and leave no output.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((visibility("protected"))) int pvar = 1;
int lib_pvar(void) { return pvar; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int pvar;
int main(void) { printf("%d\n", pvar); return 0; }
EOF2
build_shlib libp.so libp.so lib.c
assert_eq "$(dynsym_field libp.so pvar vis)" PROTECTED "test setup: visibility of pvar in libp.so"
compile_c -O1 -fno-pic -o main.o main.c
expect_link_error prog "protected symbol" "pvar" -- gcc -B"$RIVET_LIBEXEC/" -no-pie -o prog main.o -L. -lp
assert_contains "$LINK_STDERR" "copy relocation" "link error message"
expect_one_error_line

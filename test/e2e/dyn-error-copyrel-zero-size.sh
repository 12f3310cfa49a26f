#!/usr/bin/env bash
# A COPY relocation copies st_size bytes. A library variable defined without a .size
# directive has st_size 0, so copying it for -fno-pic -no-pie code would silently copy
# nothing (the executable would read zeros and its writes would be lost to the
# library). The link must fail naming the symbol and the copy relocation, and leave no
# output.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >lib.s <<'EOF2'
	.data
	.globl zvar
	.type zvar, @object
zvar:
	.long 77
	.section .note.GNU-stack,"",@progbits
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int zvar;
int main(void) { printf("%d\n", zvar); return 0; }
EOF2
run as -o lib.o lib.s
build_shlib libz.so libz.so lib.o
assert_eq "$(dynsym_field libz.so zvar size)" 0 "test setup: st_size of zvar in libz.so"
compile_c -O1 -fno-pic -o main.o main.c
expect_link_error prog "copy relocation" "zvar" -- gcc -B"$RIVET_LIBEXEC/" -no-pie -o prog main.o -L. -lz
expect_one_error_line

#!/usr/bin/env bash
# -z stack-size=SIZE sets PT_GNU_STACK's p_memsz (as GNU ld does; some loaders size the
# main stack from it); it was accepted and ignored, leaving 0.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <stdio.h>
int main(void) { puts("runs"); return 0; }
EOF2
compile_c -O1 -fPIE -o main.o main.c
dlink_both prog main.o -Wl,-z,stack-size=0x300000
run_both_and_compare prog
f=prog.rivet
assert_eq "$(phdr_rows $f GNU_STACK | awk '{print $5}')" "$(phdr_rows prog.bfd GNU_STACK | awk '{print $5}')" "$f: PT_GNU_STACK p_memsz (as ld.bfd's)"
assert_eq "$(phdr_rows $f GNU_STACK | awk '{print $5}')" 0x300000 "$f: PT_GNU_STACK p_memsz"

#!/usr/bin/env bash
# GNU-style compressed debug sections (.zdebug_*: "ZLIB", a big-endian size, a zlib
# stream; gas --compress-debug-sections=zlib-gnu) are inflated and linked as .debug_*,
# with their relocations applied to the inflated bytes, as GNU ld does. rivet refused
# them ("relocation ... in .rela.zdebug_info: offset ... is outside section").
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <stdio.h>
static int counter = 3;
struct point { int x, y; };
int helper(struct point p) { return p.x + p.y + counter; }
int main(void) { struct point p = {4, 5}; printf("%d\n", helper(p)); return 0; }
EOF2
compile_c -g -O1 -fPIE -Wa,--compress-debug-sections=zlib-gnu -o main.o main.c
readelf -SW main.o | grep -q '\.zdebug_info' || skip "this assembler wrote no .zdebug_info (zlib-gnu unsupported)"
dlink_both prog main.o
run_both_and_compare prog
expect_stdout prog 12
f=prog.rivet
has_section $f .debug_info || fail "$f: expected .debug_info (inflated from .zdebug_info), sections: $(section_names $f | tr '\n' ' ')"
! has_section $f .zdebug_info || fail "$f: .zdebug_info was copied compressed"
# The DWARF reads back the same: every name with its line, and the line table's rows.
names() { readelf -wi "$1" | sed -n 's/.*DW_AT_name *:.*: \(.*\)$/\1/p; s/.*DW_AT_name *: \([^(].*\)$/\1/p' | sort; }
names $f | grep -qx helper || fail "$f: DW_AT_name helper not found in .debug_info"
assert_eq "$(names $f)" "$(names prog.bfd)" "$f: DW_AT_name values (as in ld.bfd's output)"
rows() { readelf -wL "$1" | awk '$1 == "main.c" {print $2}' | tr '\n' ' '; }
assert_eq "$(rows $f)" "$(rows prog.bfd)" "$f: decoded line table rows (as in ld.bfd's output)"
[ -n "$(rows $f)" ] || fail "$f: the line table decodes to no rows"

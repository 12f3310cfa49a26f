#!/usr/bin/env bash
# An object compiled with -flto but without -ffat-lto-objects holds only GCC bytecode
# (.gnu.lto_* sections, the __gnu_lto_slim marker) and no machine code. rivet does not
# run the LTO plugin, so linking it must be an error that says so (mentions LTO) and
# names the file, instead of silently producing a program without that code.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >bytecode.c <<'EOF'
int main(void) { return 5; }
EOF
compile_c -O1 -flto -fno-fat-lto-objects -fno-pie -o bytecode.o bytecode.c
grep -q '^\.gnu\.lto_' <(section_names bytecode.o) || fail "test setup: expected .gnu.lto_* sections in bytecode.o"
grep -q '__gnu_lto_slim' <(readelf -sW bytecode.o) || fail "test setup: expected the __gnu_lto_slim marker in bytecode.o"
make_start_object start.o
if ld.bfd -o bfd.out start.o bytecode.o 2>/dev/null; then
  fail "test setup: expected ld.bfd without the plugin to reject bytecode.o too"
fi

expect_link_error prog bytecode.o -- "$LD_RIVET" -o prog start.o bytecode.o
expect_one_error_line
grep -i '^ld\.rivet: error: .*lto' "prog.link-stderr" >/dev/null ||
  fail "expected the 'ld.rivet: error:' line to mention LTO, got:"$'\n'"$LINK_STDERR"

#!/usr/bin/env bash
# An input that is plain text but not a linker script (GNU ld tries text files as
# scripts): exit 1 with an "ld.rivet: error:" line naming the file, no output file.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >main.c <<'EOF'
int main(void) { return 0; }
EOF
compile_c -O1 -fno-pie -fno-stack-protector -o main.o main.c
make_start_object start.o
printf 'These are meeting notes, not an object file.\nNothing here is a linker script either!\n' >meeting-notes.txt
if ld.bfd -o bfd.out start.o main.o meeting-notes.txt 2>/dev/null; then
  fail "test setup: expected ld.bfd to reject meeting-notes.txt too"
fi

expect_link_error prog meeting-notes.txt -- "$LD_RIVET" -o prog start.o main.o meeting-notes.txt
expect_one_error_line

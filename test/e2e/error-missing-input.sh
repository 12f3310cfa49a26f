#!/usr/bin/env bash
# An input file that does not exist: exit 1, one "ld.rivet: error:" line naming the
# file, no output file -- and an output file left from an earlier link is untouched.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >main.c <<'EOF'
int main(void) { return 0; }
EOF
compile_c -O1 -fno-pie -fno-stack-protector -o main.o main.c
make_start_object start.o
if ld.bfd -o bfd.out start.o main.o rivet-no-such-input.o 2>/dev/null; then
  fail "test setup: expected ld.bfd to reject a missing input file too"
fi

expect_link_error prog rivet-no-such-input.o -- "$LD_RIVET" -o prog start.o main.o rivet-no-such-input.o
expect_one_error_line

printf 'output of an earlier, successful link\n' >prog
expect_link_error prog rivet-no-such-input.o -- "$LD_RIVET" -o prog start.o main.o rivet-no-such-input.o

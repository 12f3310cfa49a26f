#!/usr/bin/env bash
# -lNAME that no library directory provides: exit 1, one "ld.rivet: error:" line naming
# the library, no output file.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >main.c <<'EOF'
int main(void) { return 0; }
EOF
compile_c -O1 -fno-pie -fno-stack-protector -o main.o main.c
make_start_object start.o
if ld.bfd -o bfd.out -L. start.o main.o -lrivet_no_such_lib 2>/dev/null; then
  fail "test setup: expected ld.bfd to reject a missing -l library too"
fi

expect_link_error prog rivet_no_such_lib -- "$LD_RIVET" -o prog -L. start.o main.o -lrivet_no_such_lib
expect_one_error_line

#!/usr/bin/env bash
# A reference that nothing defines: exit 1, one error whose text contains
# "undefined reference to `NAME'" and names the referencing object file; no output file is
# written, and an existing one from an earlier link is left untouched.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >caller.c <<'EOF'
int rivet_missing_fn(int);
int main(void) { return rivet_missing_fn(1); }
EOF
compile_c -O1 -fno-pie -fno-stack-protector -o caller.o caller.c
make_start_object start.o
if ld.bfd -o bfd.out start.o caller.o 2>/dev/null; then
  fail "test setup: expected ld.bfd to reject the undefined reference too"
fi

expect_link_error prog "undefined reference to \`rivet_missing_fn'" caller.o -- "$LD_RIVET" -o prog start.o caller.o
expect_one_error_line

printf 'output of an earlier, successful link\n' >prog
expect_link_error prog "undefined reference to \`rivet_missing_fn'" caller.o -- "$LD_RIVET" -o prog start.o caller.o

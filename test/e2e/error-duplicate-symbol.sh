#!/usr/bin/env bash
# Two strong definitions of one symbol: exit 1, one error whose text contains
# "duplicate symbol: NAME" and names both defining files; no output file is written,
# and an existing one is left untouched.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >first_def.c <<'EOF'
int rivet_dup_fn(void) { return 1; }
EOF
cat >second_def.c <<'EOF'
int rivet_dup_fn(void) { return 2; }
EOF
cat >caller.c <<'EOF'
int rivet_dup_fn(void);
int main(void) { return rivet_dup_fn(); }
EOF
for f in first_def second_def caller; do compile_c -O1 -fno-pie -fno-stack-protector -o "$f.o" "$f.c"; done
make_start_object start.o
if ld.bfd -o bfd.out start.o caller.o first_def.o second_def.o 2>/dev/null; then
  fail "test setup: expected ld.bfd to reject the duplicate definition too"
fi

expect_link_error prog "duplicate symbol: rivet_dup_fn" first_def.o second_def.o -- \
  "$LD_RIVET" -o prog start.o caller.o first_def.o second_def.o
expect_one_error_line

printf 'output of an earlier, successful link\n' >prog
expect_link_error prog "duplicate symbol: rivet_dup_fn" first_def.o second_def.o -- \
  "$LD_RIVET" -o prog start.o caller.o first_def.o second_def.o

#!/usr/bin/env bash
# A truncated object file -- cut inside the ELF header, and cut after the header but
# before the section header table it points to -- is reported as an error naming the
# file (not a crash, not a silent skip), and no output file is written.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >main.c <<'EOF'
int helper(void);
int main(void) { return helper(); }
EOF
cat >ok.c <<'EOF'
int helper(void) { return 3; }
EOF
compile_c -O1 -fno-pie -fno-stack-protector -o main.o main.c
compile_c -O1 -fno-pie -fno-stack-protector -o ok.o ok.c
make_start_object start.o
head -c 100 ok.o >cut-after-header.o
head -c 40 ok.o >cut-in-header.o

for bad in cut-after-header.o cut-in-header.o; do
  if ld.bfd -o bfd.out start.o main.o "$bad" 2>/dev/null; then
    fail "test setup: expected ld.bfd to reject $bad too"
  fi
  expect_link_error prog "$bad" -- "$LD_RIVET" -o prog start.o main.o "$bad"
  expect_one_error_line
done

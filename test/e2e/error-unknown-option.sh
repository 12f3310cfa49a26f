#!/usr/bin/env bash
# An option ld.rivet does not know is an error that names the option, not something to
# skip silently: exit 1, an "ld.rivet: error:" line quoting it, and no output file.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >main.c <<'EOF'
int main(void) { return 0; }
EOF
compile_c -O1 -fno-pie -fno-stack-protector -o main.o main.c
make_start_object start.o

expect_link_error prog --rivet-no-such-option -- "$LD_RIVET" --rivet-no-such-option -o prog start.o main.o
expect_one_error_line

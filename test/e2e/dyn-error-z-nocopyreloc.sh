#!/usr/bin/env bash
# -z nocopyreloc forbids COPY relocations. -fno-pic -no-pie code reading a library's
# variable cannot work without one (its R_X86_64_32S/PC32 references cannot become
# dynamic relocations), so the link must fail with an error that names the symbol and
# says a copy relocation was needed but -z nocopyreloc forbids it, and leave no output.
# The same program built from -fPIC code (GOT access) links and runs with the option.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_var = 12;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int lib_var;
int main(void) { printf("%d\n", lib_var); return 0; }
EOF2
build_shlib libncr.so libncr.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -fno-pic -o main.o main.c
expect_link_error prog "copy relocation" "lib_var" "nocopyreloc" -- gcc -B"$RIVET_LIBEXEC/" -no-pie -Wl,-z,nocopyreloc -o prog main.o -L. -lncr
expect_one_error_line

compile_c -O1 -fPIC -o main-pic.o main.c
dlink_both pic -no-pie -Wl,-z,nocopyreloc main-pic.o -L. -lncr
run_both_and_compare pic
expect_stdout pic "12"
assert_eq "$(dyn_reloc_count pic.rivet R_X86_64_COPY)" 0 "pic.rivet: COPY relocations under -z nocopyreloc"

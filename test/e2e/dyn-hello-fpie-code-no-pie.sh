#!/usr/bin/env bash
# -fPIE code linked -no-pie: the objects use GOTPCRELX loads and PC-relative references
# the linker may relax, and R_X86_64_PC32 references to libc data (gcc's copy-relocation
# PIE model); the output is a fixed-address EXEC that must still run and print the same
# as ld.bfd's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >hello.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
static const char *const words[] = {"zero", "one", "two", "three"};
static void (*volatile say)(const char *) = (void (*)(const char *))puts;
int main(int argc, char **argv) {
  printf("hello, %s\n", argc > 1 ? argv[1] : "world");
  say(words[argc & 3]);
  fprintf(stdout, "%s\n", getenv("RIVET_NO_SUCH_VAR") ? "set" : "unset");
  return 11;
}
EOF2
compile_c -O1 -fPIE -o hello.o hello.c
grep -q 'GOTPCREL\|PC32\|PLT32' <(readelf -rW hello.o) || fail "test setup: expected PC-relative relocations in hello.o built with -fPIE"
dlink_both hello -no-pie hello.o

run_both_and_compare hello x
expect_stdout hello "hello, x
two
unset"
expect_status hello 11
assert_eq "$(elf_type hello.rivet)" EXEC "ELF type of a -no-pie link of -fPIE code"
assert_eq "$(dyn_reloc_count hello.rivet R_X86_64_RELATIVE)" 0 "number of R_X86_64_RELATIVE relocations in a -no-pie executable"
elflint_compare hello

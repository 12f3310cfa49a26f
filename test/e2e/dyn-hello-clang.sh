#!/usr/bin/env bash
# "hello world" compiled and linked by clang with --ld-path pointing at ld.rivet (clang's
# own default mode, PIE on this toolchain, and -fno-pic -no-pie): clang passes its own
# crt files and options, which rivet must accept.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools clang

cat >hello.c <<'EOF2'
#include <stdio.h>
#include <string.h>
static const char *const words[] = {"zero", "one", "two", "three"};
int main(int argc, char **argv) {
  printf("hello from clang, %s (%zu)\n", argc > 1 ? argv[1] : "world", strlen(words[argc & 3]));
  puts(words[argc & 3]);
  return 5;
}
EOF2
compile_clang -O1 -o hello-pie.o hello.c
dlink_both_clang hello-pie hello-pie.o
compile_clang -O1 -fno-pic -o hello-nopie.o hello.c
dlink_both_clang hello-nopie -no-pie hello-nopie.o

for m in pie nopie; do
  run_both_and_compare hello-$m clang
  expect_stdout hello-$m "hello from clang, clang (3)
two"
  expect_status hello-$m 5
done
assert_eq "$(elf_type hello-pie.rivet)" "$(elf_type hello-pie.bfd)" "ELF type of clang's default link (rivet vs ld.bfd)"
assert_eq "$(elf_type hello-nopie.rivet)" EXEC "ELF type of clang -no-pie"
assert_eq "$(interpreter hello-pie.rivet)" "$(interpreter hello-pie.bfd)" "PT_INTERP of clang's default link (rivet vs ld.bfd)"
for m in pie nopie; do elflint_compare hello-$m; done

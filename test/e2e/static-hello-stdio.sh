#!/usr/bin/env bash
# A static "hello world" through stdio: the smallest program that needs crt1.o, crti.o,
# crtbeginT.o, libc.a, libgcc and an entry point. The output must be a static EXEC with
# no interpreter and no dynamic section, entered at _start.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >hello.c <<'EOF'
#include <stdio.h>

int main(int argc, char **argv) {
  printf("hello, %s\n", argc > 1 ? argv[1] : "world");
  fputs("line two\n", stdout);
  fprintf(stderr, "to stderr\n");
  char buf[64];
  snprintf(buf, sizeof buf, "%d-%.3f-%s", 42, 3.25, "x");
  puts(buf);
  return 7;
}
EOF
compile_c -O1 -o hello.o hello.c
link_both hello hello.o

run_both_and_compare hello rivet
expect_stdout hello "hello, rivet
line two
42-3.250-x"
expect_status hello 7
assert_eq "$(cat hello.rivet.stderr)" "to stderr" "stderr of the rivet-linked program"
elflint_compare hello

type=$(readelf -hW hello.rivet | awk '$1 == "Type:" { print $2 }')
assert_eq "$type" EXEC "ELF type of a -static (non-PIE) link"
[ -z "$(phdr_rows hello.rivet INTERP)" ] || fail "expected no PT_INTERP in a static executable, got: $(phdr_rows hello.rivet INTERP)"
[ -z "$(phdr_rows hello.rivet DYNAMIC)" ] || fail "expected no PT_DYNAMIC in a static executable, got: $(phdr_rows hello.rivet DYNAMIC)"
! has_section hello.rivet .interp || fail "expected no .interp section in a static executable"

entry=$(readelf -hW hello.rivet | awk '/Entry point address:/ { print $4 }')
start=$(symbol_field hello.rivet _start value)
[ -n "$start" ] || fail "expected _start in .symtab of hello.rivet, found none"
assert_eq "$(hex_to_dec "$entry")" "$(hex_to_dec "$start")" "entry point address (decimal) vs _start's value"

#!/usr/bin/env bash
# "hello world" from -fno-pic code linked -no-pie: a dynamically linked EXEC at a fixed
# address. It needs no RELATIVE relocations and no DF_1_PIE, still has PT_INTERP and
# DT_NEEDED libc.so.6, and libc's `stdout` (read directly by the non-PIC code) becomes a
# COPY relocation.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >hello.c <<'EOF2'
#include <stdio.h>
static const char *const words[] = {"zero", "one", "two", "three"};
int main(int argc, char **argv) {
  printf("hello, %s\n", argc > 1 ? argv[1] : "world");
  fputs(words[argc & 3], stdout);
  fputc('\n', stdout);
  return 9;
}
EOF2
compile_c -O1 -fno-pic -o hello.o hello.c
dlink_both hello -no-pie hello.o

run_both_and_compare hello a b
expect_stdout hello "hello, a
three"
expect_status hello 9

assert_eq "$(elf_type hello.rivet)" EXEC "ELF type of a -no-pie link"
flags1=$(dynamic_values hello.rivet FLAGS_1)
case " $flags1 " in
  *" PIE "*) fail "expected no PIE in DT_FLAGS_1 of a -no-pie executable, got '$flags1'" ;;
esac
assert_eq "$(dyn_reloc_count hello.rivet R_X86_64_RELATIVE)" 0 "number of R_X86_64_RELATIVE relocations in a -no-pie executable"
assert_eq "$(dynamic_values hello.rivet NEEDED)" "libc.so.6" "DT_NEEDED entries"
[ -n "$(interpreter hello.rivet)" ] || fail "expected a PT_INTERP in a dynamically linked -no-pie executable, found none"
assert_eq "$(dyn_reloc_count hello.rivet R_X86_64_COPY stdout)" 1 "number of R_X86_64_COPY relocations for stdout"
entry=$(readelf -hW hello.rivet | awk '/Entry point address:/ { print $4 }')
assert_eq "$(hex_to_dec "$entry")" "$(hex_to_dec "$(symbol_field hello.rivet _start value)")" "entry point vs _start (decimal)"
elflint_compare hello

#!/usr/bin/env bash
# "hello world" linked the way gcc links by default: a position-independent executable
# (e_type DYN, DF_1_PIE) that the glibc loader maps at a random address, relocates with
# R_X86_64_RELATIVE and binds to libc.so.6 through .dynsym/.gnu.version_r. The program
# prints its argument count and a string from a pointer table (needing RELATIVE
# relocations), calls printf/puts through the PLT, and exits with a chosen status.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >hello.c <<'EOF2'
#include <stdio.h>
static const char *const words[] = {"zero", "one", "two", "three"};
int main(int argc, char **argv) {
  printf("hello, %s\n", argc > 1 ? argv[1] : "world");
  puts(words[argc & 3]);
  fprintf(stderr, "to stderr\n");
  return 7;
}
EOF2
compile_c -O1 -o hello.o hello.c
dlink_both hello hello.o

run_both_and_compare hello pie
expect_stdout hello "hello, pie
two"
expect_status hello 7
assert_eq "$(cat hello.rivet.stderr)" "to stderr" "stderr of the rivet-linked program"

assert_eq "$(elf_type hello.rivet)" DYN "ELF type of a default (PIE) gcc link"
flags1=$(dynamic_values hello.rivet FLAGS_1)
case " $flags1 " in
  *" PIE "*) ;;
  *) fail "expected DT_FLAGS_1 to include PIE in a PIE, got '$flags1'" ;;
esac
assert_eq "$(dynamic_values hello.rivet NEEDED)" "libc.so.6" "DT_NEEDED entries of hello.rivet"
[ "$(dyn_reloc_count hello.rivet R_X86_64_RELATIVE)" -ge 4 ] ||
  fail "expected at least 4 R_X86_64_RELATIVE relocations (the words[] table) in a PIE, got: $(dyn_relocs hello.rivet)"
[ "$(dynsym_count hello.rivet printf)" = 1 ] || fail "expected printf in .dynsym of hello.rivet, got: $(dynsym hello.rivet)"
assert_eq "$(dynsym_field hello.rivet printf ndx)" UND "section index of printf in .dynsym"
elflint_compare hello

#!/usr/bin/env bash
# strlen in libc.so.6 is an IFUNC. When -fno-pic -no-pie code takes its address, the
# executable's PLT entry becomes the canonical address (exported STT_FUNC, st_shndx UND,
# non-zero st_value): a -fPIC library's &strlen (a GLOB_DAT) must resolve to the same
# address, and a call through it must reach the selected implementation, not the
# resolver.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
#include <string.h>
size_t (*lib_strlen_addr(void))(const char *) { return strlen; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <string.h>
size_t (*lib_strlen_addr(void))(const char *);
size_t (*volatile mine)(const char *);
int main(void) {
  mine = strlen; /* an absolute 32-bit address in -fno-pic code */
  size_t (*theirs)(const char *) = lib_strlen_addr();
  printf("equal=%d mine=%zu theirs=%zu\n", mine == theirs, mine("canonical"), theirs("plt"));
  return 0;
}
EOF2
build_shlib libsl.so libsl.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -fno-pic -fno-builtin -o main.o main.c
grep -Eq 'R_X86_64_32S? +[0-9a-f]+ strlen' <(readelf -rW main.o) ||
  fail "test setup: expected an R_X86_64_32/32S against strlen in main.o, got: $(readelf -rW main.o | grep strlen)"
dlink_both prog -no-pie main.o -L. -lsl
run_both_and_compare prog
expect_stdout prog "equal=1 mine=9 theirs=3"
f=prog.rivet
assert_eq "$(dynsym_field $f strlen ndx)" UND "$f: st_shndx of strlen in .dynsym"
assert_eq "$(dynsym_field $f strlen type)" FUNC "$f: st_type of the canonical strlen in .dynsym (STT_FUNC, not IFUNC)"
value=$(dynsym_field $f strlen value)
{ [ -n "$value" ] && [ "$(hex_to_dec "$value")" != 0 ]; } || fail "$f: expected a non-zero st_value (canonical PLT entry) for strlen in .dynsym, got '$value'"
elflint_compare prog

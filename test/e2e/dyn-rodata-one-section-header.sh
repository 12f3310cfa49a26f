#!/usr/bin/env bash
# Read-only data of several kinds (plain const data, 1- and 4-byte strings, 8- and
# 16-byte constants: .rodata, .rodata.str1.1, .rodata.str4.*, .rodata.cst8/16) goes to
# one .rodata section header, as GNU ld and lld write it, though rivet merges each kind
# apart: the header spans them all, is no longer SHF_MERGE (entry sizes differ, as GNU
# ld's), and every object in it has the header's index in .symtab and lies inside it.
# The program prints the same values as ld.bfd's; eu-elflint finds both right.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <stdio.h>
#include <wchar.h>
const int table[4] = {3, 1, 4, 1};
const wchar_t *wide(void) { return L"wide text"; }
double scale(double x) { return x * 2.718281828; }
long double big(long double x) { return x * 1.4142135623730950488L; }
int main(int argc, char **argv) {
  (void)argv;
  printf("%s %d %ls %.3f %.3Lf\n", "plain text", table[argc], wide(), scale(argc), big(argc));
  return 0;
}
EOF2
compile_c -O1 -fPIE -o main.o main.c
for kind in .rodata.str1.1 .rodata.cst8 .rodata.cst16 .rodata.str4; do
  readelf -SW main.o | grep -q " $kind" || skip "gcc put no $kind section in main.o"
done
dlink_both prog main.o
run_both_and_compare prog
expect_stdout prog "plain text 1 wide text 2.718 1.414"
elflint_compare prog
for side in rivet bfd; do
  assert_eq "$(section_names prog.$side | grep -c '^\.rodata$')" 1 "number of .rodata section headers in prog.$side"
done
lib=prog.rivet
flags=$(section_field $lib .rodata flags)
[[ "$flags" != *M* ]] || fail "flags of $lib's .rodata: expected no M (entry sizes differ: not mergeable), got $flags"
ndx=$(readelf -SW $lib | sed -n 's/^ *\[ *\([0-9]*\)\] \.rodata .*/\1/p')
lo=$(hex_to_dec "$(section_field $lib .rodata addr)")
hi=$((lo + $(hex_to_dec "$(section_field $lib .rodata size)")))
addr=$(hex_to_dec "$(symtab $lib | awk '$7 == "table" { print $1 }')")
assert_eq "$(symtab $lib | awk '$7 == "table" { print $6 }')" "$ndx" "section index of table in $lib's .symtab"
[ "$addr" -ge "$lo" ] && [ "$addr" -lt "$hi" ] || fail "table at $addr lies outside .rodata [$lo, $hi)"

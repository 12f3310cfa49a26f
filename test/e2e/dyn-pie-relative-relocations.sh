#!/usr/bin/env bash
# A PIE's absolute pointers to its own code and data (pointer tables, a struct of
# pointers, a pointer into the middle of an array, a function pointer in read-only data)
# become R_X86_64_RELATIVE relocations with the link-time address as addend, counted by
# DT_RELACOUNT and placed first in .rela.dyn. After the loader moves the PIE they must
# all point at the right places. The same objects linked -no-pie need none.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <stdio.h>
int numbers[8] = {10, 11, 12, 13, 14, 15, 16, 17};
static int twice(int x) { return 2 * x; }
static int thrice(int x) { return 3 * x; }
struct entry { const char *name; int (*fn)(int); int *slot; };
const struct entry table[] = {
  {"twice", twice, &numbers[2]},
  {"thrice", thrice, &numbers[7]},
};
int *middle = numbers + 5;
const char *const names[] = {"alpha", "beta", "gamma"};
int main(void) {
  for (unsigned i = 0; i < 2; i++)
    printf("%s(%d) = %d\n", table[i].name, *table[i].slot, table[i].fn(*table[i].slot));
  printf("middle %d, %s %s %s\n", *middle, names[0], names[1], names[2]);
  return 0;
}
EOF2
compile_c -O0 -fPIE -o main.o main.c
dlink_both pie -pie main.o
dlink_both nopie -no-pie main.o
for b in pie nopie; do
  run_both_and_compare $b
  expect_stdout $b "twice(12) = 24
thrice(17) = 51
middle 15, alpha beta gamma"
done
f=pie.rivet
n=$(dyn_reloc_count $f R_X86_64_RELATIVE)
[ "$n" -ge 10 ] || fail "$f: expected at least 10 R_X86_64_RELATIVE relocations (the pointers in table, middle and names), got $n: $(dyn_relocs $f | tr '\n' ';')"
assert_eq "$(dynamic_values $f RELACOUNT)" "$n" "$f: DT_RELACOUNT vs the number of R_X86_64_RELATIVE relocations"
first=$(dyn_relocs $f | head -n "$n" | awk '$2 != "R_X86_64_RELATIVE"' | head -n 1)
[ -z "$first" ] || fail "$f: expected the $n RELATIVE relocations first in .rela.dyn (DT_RELACOUNT), found '$first' among them"
# Each RELATIVE points at something inside the image: its addend is an address inside an
# allocated section.
while read -r off type _ addend; do
  [ "$type" = R_X86_64_RELATIVE ] || continue
  [ -n "$(section_of_addr $f "${addend#+}")" ] || fail "$f: R_X86_64_RELATIVE at 0x$off has addend $addend, which is inside no section"
done < <(dyn_relocs $f)
mid=$(dyn_relocs $f | awk -v a="$(symbol_field $f middle value)" '$1 == a { print $4 }')
want=$(($(hex_to_dec "$(symbol_field $f numbers value)") + 20))
assert_eq "$(hex_to_dec "${mid#+}")" "$want" "$f: addend of the RELATIVE relocation for 'middle' (numbers + 20, decimal)"
assert_eq "$(dyn_reloc_count nopie.rivet R_X86_64_RELATIVE)" 0 "nopie.rivet: R_X86_64_RELATIVE relocations"
elflint_compare pie
elflint_compare nopie

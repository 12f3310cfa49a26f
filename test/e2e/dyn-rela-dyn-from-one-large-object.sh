#!/usr/bin/env bash
# One object holding most of a link's address words (as Python's frozen modules do):
# its sections' relocations are collected for .rela.dyn in several parts, on several
# threads. Every pointer must still be right at run time, in a PIE (RELATIVE) and in a
# shared object (symbolic R_X86_64_64 against an exported array), with as many
# dynamic relocations as ld.bfd makes, in the order of the relocations they come from
# (the part boundaries must not show), and, at 1, 2 and 16 threads, the same output.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

# table NAME TARGET COUNT: an array of COUNT pointers to TARGET[0..COUNT).
table() {
  local qual=$1 name=$2 target=$3 count=$4
  printf '%s int *%s[%d] = {\n' "$qual" "$name" "$count"
  awk -v t="$target" -v n="$count" 'BEGIN { for (i = 0; i < n; i++) printf "  &%s[%d],\n", t, i }'
  printf '};\n'
}

{
  echo 'int exported[10000];'
  table "" lib_table exported 10000
  cat <<'EOF2'
int lib_check(void) {
  int bad = 0;
  for (int i = 0; i < 10000; i++)
    bad += lib_table[i] != &exported[i];
  return bad;
}
EOF2
} >lib.c
{
  echo 'static int objs[20000];'
  echo 'int more[3000];'
  table "" ptrs objs 20000
  table "" more_ptrs more 3000
  cat <<'EOF2'
#include <stdio.h>
int lib_check(void);
extern int exported[];
int main(void) {
  int bad = 0;
  for (int i = 0; i < 20000; i++)
    bad += ptrs[i] != &objs[i];
  for (int i = 0; i < 3000; i++)
    bad += more_ptrs[i] != &more[i];
  printf("exe %d lib %d shared %d\n", bad, lib_check(), exported == &exported[0]);
  return 0;
}
EOF2
} >main.c

compile_c -O1 -fPIC -o lib.o lib.c
compile_c -O1 -fPIE -o main.o main.c
dlink_both libbig.so -shared -Wl,-soname,libbig.so lib.o
# Each executable runs with the library its own linker made.
mkdir -p rivet-lib bfd-lib
cp libbig.so.rivet rivet-lib/libbig.so
cp libbig.so.bfd bfd-lib/libbig.so
dlink_rivet main.rivet -pie main.o -Lrivet-lib -lbig -Wl,-rpath,"$PWD/rivet-lib"
dlink_bfd main.bfd -pie main.o -Lbfd-lib -lbig -Wl,-rpath,"$PWD/bfd-lib"
run_both_and_compare main
expect_stdout main "exe 0 lib 0 shared 1"

for kind in "main R_X86_64_RELATIVE" "libbig.so R_X86_64_64" "libbig.so R_X86_64_RELATIVE"; do
  set -- $kind
  assert_eq "$(dyn_reloc_count "$1.rivet" "$2")" "$(dyn_reloc_count "$1.bfd" "$2")" "$1: $2 entries, against ld.bfd's"
done
[ "$(dyn_reloc_count main.rivet R_X86_64_RELATIVE)" -ge 23000 ] ||
  fail "main.rivet: expected at least 23000 RELATIVE entries, got $(dyn_reloc_count main.rivet R_X86_64_RELATIVE)"
# lib_table's entries against exported, in the order of its relocations: addends 0, 4,
# 8, ... at rising offsets.
dyn_relocs libbig.so.rivet | awk '$2 == "R_X86_64_64" && $3 == "exported"' >lib.relocs
assert_eq "$(wc -l <lib.relocs)" 10000 "libbig.so.rivet: R_X86_64_64 entries against exported"
# (Offsets are fixed-width hex: compared as strings; addends are printed "+HEX".)
awk '{ off = $1 ""; want = sprintf("+%x", (NR - 1) * 4) }
     (NR > 1 && off <= prev) || $4 != want { print "entry " NR ": " $0; exit }
     { prev = off }' lib.relocs >lib.order
[ ! -s lib.order ] || fail "libbig.so.rivet: R_X86_64_64 entries out of relocation order: $(cat lib.order)"
elflint_compare main
elflint_compare libbig.so

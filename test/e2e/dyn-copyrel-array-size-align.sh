#!/usr/bin/env bash
# A COPY relocation takes the object's size and alignment from the library, not from
# the executable's declaration (`extern int table[];` has no size): the executable's
# .dynsym entry must carry the library's st_size (the loader copies that many bytes),
# the copy must be aligned like the library's object (here 64, checked at run time and
# in .dynsym), and all elements, including the last, must hold the library's values.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((aligned(64))) int table[37] = {[0] = 3, [17] = 170, [36] = 360};
long lib_sum(void) { long s = 0; for (int i = 0; i < 37; i++) s += table[i]; return s; }
EOF2
cat >main.c <<'EOF2'
#include <stdint.h>
#include <stdio.h>
extern int table[];
long lib_sum(void);
char before = 1;
int main(void) {
  printf("first %d middle %d last %d\n", table[0], table[17], table[36]);
  printf("aligned64 %d\n", (int)((uintptr_t)table % 64 == 0));
  table[36] = 1;
  printf("lib sum %ld\n", lib_sum());
  return 0;
}
EOF2
build_shlib libtable.so libtable.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -fno-pic -o main.o main.c
dlink_both prog -no-pie main.o -L. -ltable
run_both_and_compare prog
expect_stdout prog "first 3 middle 170 last 360
aligned64 1
lib sum 174"

f=prog.rivet
lib_size=$(dynsym_field libtable.so table size)
assert_eq "$lib_size" 148 "test setup: st_size of table in libtable.so"
assert_eq "$(dyn_reloc_count $f R_X86_64_COPY table)" 1 "$f: R_X86_64_COPY relocations against table"
assert_eq "$(dynsym_field $f table size)" "$lib_size" "$f: st_size of table in .dynsym (the library's)"
addr=$(hex_to_dec "$(dynsym_field $f table value)")
assert_eq "$((addr % 64))" 0 "$f: table's .dynsym address modulo 64 (library alignment)"
sec=$(section_of_addr $f "$(dynsym_field $f table value)")
[ -n "$sec" ] || fail "$f: expected table's copy inside a section, none holds $(dynsym_field $f table value)"
end=$(($(hex_to_dec "$(section_field $f "$sec" addr)") + $(hex_to_dec "$(section_field $f "$sec" size)")))
[ $((addr + lib_size)) -le "$end" ] || fail "$f: expected the 148-byte copy at $addr to fit in $sec (ends at $end)"
elflint_compare prog

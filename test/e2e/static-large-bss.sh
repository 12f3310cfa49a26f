#!/usr/bin/env bash
# Zero-initialised arrays (256 MiB and 64 MiB) live in .bss: they occupy memory
# (p_memsz) but no file space (p_filesz, file size), must not overlap each other or
# .data, and read as zero.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >big.c <<'EOF'
#define BIG (256L << 20)
char big_a[BIG];
EOF
cat >main.c <<'EOF'
#include <stdint.h>
#include <stdio.h>
#define BIG (256L << 20)
#define BIG_B (64L << 20)
extern char big_a[BIG];
static char big_b[BIG_B];
int after_data = 1234;
int main(void) {
  long nonzero = 0;
  for (long i = 0; i < BIG; i += 4093) nonzero += big_a[i] != 0;
  for (long i = 0; i < BIG_B; i += 4093) nonzero += big_b[i] != 0;
  big_a[0] = 1;
  big_a[BIG - 1] = 2;
  big_b[0] = 3;
  big_b[BIG_B - 1] = 4;
  uintptr_t a = (uintptr_t)big_a, b = (uintptr_t)big_b, d = (uintptr_t)&after_data;
  int overlap = (a < b + BIG_B && b < a + BIG) || (d >= a && d < a + BIG) || (d >= b && d < b + BIG_B);
  printf("nonzero=%ld overlap=%d ends=%d,%d,%d,%d data=%d\n", nonzero, overlap, big_a[0],
         big_a[BIG - 1], big_b[0], big_b[BIG_B - 1], after_data);
  return 0;
}
EOF
compile_c -O1 -o big.o big.c
compile_c -O1 -o main.o main.c
link_both bss main.o big.o

run_both_and_compare bss
expect_stdout bss "nonzero=0 overlap=0 ends=1,2,3,4 data=1234"
expect_status bss 0
elflint_compare bss

size=$(stat -c %s bss.rivet)
[ "$size" -lt $((16 << 20)) ] || fail "expected the output file to stay small (< 16 MiB) since .bss takes no file space, got $size bytes"
assert_eq "$(section_field bss.rivet .bss type)" NOBITS "type of .bss"
bss_size=$(hex_to_dec "$(section_field bss.rivet .bss size)")
[ "$bss_size" -ge $((320 << 20)) ] || fail "expected .bss of at least 320 MiB (256 + 64), got $bss_size bytes"
ok=0
while read -r _ _ _ filesz memsz flags _; do
  case "$flags" in *W*) [ $(($(hex_to_dec "$memsz") - $(hex_to_dec "$filesz"))) -ge $((320 << 20)) ] && ok=1 ;; esac
done < <(phdr_rows bss.rivet LOAD)
[ "$ok" = 1 ] || fail "expected a writable PT_LOAD whose p_memsz exceeds p_filesz by >= 320 MiB, got:"$'\n'"$(phdr_rows bss.rivet LOAD)"

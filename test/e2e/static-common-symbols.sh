#!/usr/bin/env bash
# Tentative definitions compiled with -fcommon become SHN_COMMON symbols. The linker
# merges commons of the same name into one .bss object with the largest size and the
# largest alignment; a real (initialised) definition elsewhere wins over commons.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >small.c <<'EOF'
int shared_buf[4];
int shared_aligned[3];
int counter;
int *small_view(void) { return shared_buf; }
int small_counter(void) { return counter; }
EOF
cat >large.c <<'EOF'
int shared_buf[16];
int shared_aligned[5] __attribute__((aligned(64)));
int *large_view(void) { return shared_buf; }
int *aligned_view(void) { return shared_aligned; }
EOF
cat >definer.c <<'EOF'
int counter = 5;
EOF
cat >main.c <<'EOF'
#include <stdint.h>
#include <stdio.h>
int *small_view(void), *large_view(void), *aligned_view(void);
int small_counter(void);
extern int counter;
char after_guard[64] = {1};
int main(void) {
  int *l = large_view(), *s = small_view();
  for (int i = 0; i < 16; i++) l[i] = i * i;
  int sum = 0;
  for (int i = 0; i < 4; i++) sum += s[i];
  printf("same object: %d, small view sum=%d, last=%d\n", l == s, sum, l[15]);
  printf("aligned to 64: %d\n", (int)((uintptr_t)aligned_view() % 64 == 0));
  printf("counter=%d (definition wins), via small.o=%d\n", counter, small_counter());
  return 0;
}
EOF
for f in small large definer; do compile_c -O1 -fcommon -o "$f.o" "$f.c"; done
compile_c -O1 -o main.o main.c
grep -q ' COM shared_buf$' <(readelf -sW small.o) || fail "test setup: expected shared_buf to be a COMMON symbol in small.o"
link_both common main.o small.o large.o definer.o

run_both_and_compare common
expect_stdout common "same object: 1, small view sum=14, last=225
aligned to 64: 1
counter=5 (definition wins), via small.o=5"
expect_status common 0
elflint_compare common

assert_eq "$(symbol_count common.rivet shared_buf)" 1 "number of shared_buf entries in .symtab"
assert_eq "$(symbol_field common.rivet shared_buf size)" 64 "size of shared_buf (largest common: int[16])"
assert_eq "$(symbol_field common.rivet shared_aligned size)" 20 "size of shared_aligned (largest common: int[5])"
addr=$(hex_to_dec "$(symbol_field common.rivet shared_aligned value)")
assert_eq $((addr % 64)) 0 "shared_aligned's address modulo 64 (largest alignment of the commons)"
bss_ndx=$(symbol_field common.rivet shared_buf ndx)
assert_eq "$(section_name_by_index common.rivet "$bss_ndx")" .bss "section of shared_buf"
data_ndx=$(symbol_field common.rivet counter ndx)
assert_eq "$(section_name_by_index common.rivet "$data_ndx")" .data "section of counter (the initialised definition)"

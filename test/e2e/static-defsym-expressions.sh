#!/usr/bin/env bash
# --defsym NAME=EXPRESSION takes GNU ld's script expressions: a symbol plus or minus
# constants (the new name then lies in the symbol's section, at that offset), and
# absolute arithmetic with K/M suffixes, parentheses, << >> & | ~, ALIGN, MAX, MIN,
# DEFINED and CONSTANT(MAXPAGESIZE). The values the program prints must equal those of
# ld.bfd's link; a malformed expression is an error naming it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <stdio.h>
extern char moved[], value_a[], value_b[], value_c[];
int target[8];
int main(void) {
  printf("%ld %lx %lx %lx\n", (long)(moved - (char *)target), (unsigned long)value_a,
         (unsigned long)value_b, (unsigned long)value_c);
  return 0;
}
EOF2
compile_c -o main.o main.c
defs=(-Wl,--defsym,moved=8+target-4 -Wl,--defsym,'value_a=(0x1000+ALIGN(0x20))*2-8'
  -Wl,--defsym,'value_b=4K|CONSTANT(MAXPAGESIZE)>>4' -Xlinker --defsym -Xlinker 'value_c=MAX(3,~0&0xff)+DEFINED(target)')
link_both defsym main.o "${defs[@]}"
run_both_and_compare defsym
expect_stdout defsym "4 1ff8 1100 100"
for bad in '1+' 'nosuch+1' 'target*2' '(1'; do
  status=0
  gcc -static -B"$RIVET_LIBEXEC/" -o bad main.o -Wl,--defsym,"value_a=$bad" 2>err.txt || status=$?
  assert_eq "$status" 1 "exit status with --defsym value_a=$bad"
  assert_contains "$(cat err.txt)" "--defsym" "the error for --defsym value_a=$bad"
done

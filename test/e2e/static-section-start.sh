#!/usr/bin/env bash
# -Ttext, -Tdata, -Tbss and --section-start NAME=ADDRESS place the output section at
# the address (GNU ld's addresses are hexadecimal, 0x optional); the sections after it
# follow it, each placed section starts its own PT_LOAD, and the program runs. The
# addresses must equal ld.bfd's for the same option. An address below the sections
# before it is an error naming the section.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <stdio.h>
int counter = 3;
static int zeroed[64];
int main(void) { zeroed[5] = counter; printf("%d\n", zeroed[5] + 39); return 0; }
EOF2
compile_c -O1 -o main.o main.c
addr() { section_field "$1" "$2" addr | sed 's/^0*//'; }
n=0
for opts in "-Ttext=500000" "-Ttext=0x600000,-Tdata=0x800000,-Tbss=0x900000" "--section-start=.rodata=0x700000"; do
  n=$((n + 1))
  base="placed$n"
  link_both "$base" main.o -Wl,"$opts"
  run_both_and_compare "$base"
  expect_stdout "$base" 42
  for sec in .text .data .bss .rodata; do
    case $opts in *"$sec="* | *"-T${sec#.}="*) ;; *) continue ;; esac
    assert_eq "$(addr "$base.rivet" "$sec")" "$(addr "$base.bfd" "$sec")" "address of $sec with $opts (as ld.bfd)"
  done
  elflint_compare "$base"
done
assert_eq "$(addr placed1.rivet .text)" 500000 "address of .text with -Ttext=500000"
# Each placed section begins a PT_LOAD at its address.
readelf -lW placed2.rivet | grep -q 'LOAD .* 0x0000000000600000 ' ||
  fail "expected a PT_LOAD at 0x600000"
status=0
gcc -static -B"$RIVET_LIBEXEC/" -o low main.o -Wl,-Ttext=0x10 2>err.txt || status=$?
assert_eq "$status" 1 "exit status with -Ttext below the headers"
assert_contains "$(cat err.txt)" "section .text: its address 0x10" "the error for -Ttext=0x10"
[ ! -e low ] || fail "a failed link left its output behind"

# --sort-section=name|alignment: the functions of one output section in the order
# ld.bfd gives them.
cat >sorted.c <<'EOF2'
int zeta(void) { return 1; }
int alpha(void) { return 2; }
__attribute__((aligned(64))) int mid(void) { return 3; }
int main(void) { return zeta() + alpha() + mid() - 6; }
EOF2
compile_c -O1 -ffunction-sections -o sorted.o sorted.c
order() { nm -n "$1" | awk '$3 ~ /^(zeta|alpha|mid|main)$/ { printf "%s ", $3 }'; }
for key in name alignment; do
  link_both "sorted-$key" sorted.o -Wl,--sort-section=$key
  run_both_and_compare "sorted-$key"
  assert_eq "$(order "sorted-$key.rivet")" "$(order "sorted-$key.bfd")" "function order with --sort-section=$key (as ld.bfd)"
done
assert_eq "$(order sorted-name.rivet)" "alpha main mid zeta " "function order with --sort-section=name"

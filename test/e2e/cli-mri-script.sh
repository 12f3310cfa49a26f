#!/usr/bin/env bash
# -c FILE / --mri-script=FILE: GNU ld's MRI-compatible scripts. LOAD names inputs where
# -c stands, NAME the output, PUBLIC a symbol's value; CHIP and END do nothing, LIST
# prints the map; keywords in any case, '*' lines are comments. The same script with
# ld.bfd -r gives the same global symbols, and the object links into a program that
# runs. Commands that lay out sections (SECT ...) are refused by name, an unknown
# keyword is an error (GNU ld's words), FORMAT names elf64-x86-64 only.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ld.bfd nm

cat >m1.c <<'EOF'
#include <stdio.h>
extern char magic[];
int twice(int);
int main(void) { printf("%d %lx\n", twice(21), (unsigned long)magic); return 0; }
EOF
cat >m2.c <<'EOF'
int twice(int x) { return 2 * x; }
EOF
compile_c -fno-pie -o m1.o m1.c
compile_c -fno-pie -o m2.o m2.c
printf '* inputs and output\nload m1.o, m2.o\nNAME rivet.o\npublic magic = 0x4200\nCHIP 68000\nEND\n' >rivet.mri
printf '* inputs and output\nload m1.o, m2.o\nNAME bfd.o\npublic magic = 0x4200\nCHIP 68000\nEND\n' >bfd.mri
run "$LD_RIVET" -r -c rivet.mri
run ld.bfd -r -c bfd.mri
[ -f rivet.o ] || fail "NAME rivet.o wrote no rivet.o"
globals() { nm "$1" | awk '$2 ~ /[A-Z]/ {print $2, $3}' | sort; }
assert_eq "$(globals rivet.o)" "$(globals bfd.o)" "global symbols of the MRI -r link (as ld.bfd's)"
assert_contains "$(globals rivet.o)" "A magic" "PUBLIC magic"
run gcc -no-pie -B"$RIVET_LIBEXEC/" -o prog rivet.o
assert_eq "$(./prog)" "42 4200" "the program linked from the MRI -r output"
# --mri-script=FILE, LIST: the map on standard output.
printf 'LOAD m2.o\nLIST\n' >list.mri
out=$("$LD_RIVET" -r --mri-script=list.mri -o list.o)
assert_contains "$out" "m2.o:(.text)" "LIST's map"

mri_error() {
  local want=$1 text=$2
  printf '%b' "$text" >bad.mri
  rm -f bad.o
  local status=0
  "$LD_RIVET" -r -c bad.mri -o bad.o 2>err.txt || status=$?
  assert_eq "$status" 1 "exit status for '$text'"
  assert_contains "$(cat err.txt)" "$want" "the error for '$text'"
  [ ! -e bad.o ] || fail "bad.o written for '$text'"
}
mri_error "bad.mri:2: MRI command SECT is not supported" 'LOAD m2.o\nSECT .text 0x1000\n'
mri_error "unrecognised keyword in MRI style script 'BOGUS'" 'LOAD m2.o\nBOGUS x\n'
mri_error "FORMAT S: rivet writes elf64-x86-64 only" 'FORMAT S\nLOAD m2.o\n'

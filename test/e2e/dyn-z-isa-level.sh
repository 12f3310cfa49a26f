#!/usr/bin/env bash
# -z x86-64-v2, -v3 and -v4 add that ISA level to the output's
# GNU_PROPERTY_X86_ISA_1_NEEDED (x86-64 psABI "ISA levels"), beside what the objects
# need: readelf -n shows the same "x86 ISA needed" list as for ld.bfd's output, and
# the program runs (glibc checks the levels against the CPU when it starts).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

echo 'int main(void) { return 0; }' >main.c
compile_c -O1 -o main.o main.c
isa_needed() { readelf -nW "$1" | sed -n 's/.*x86 ISA needed: *//p'; }
for level in v2 v3 v4; do
  grep -q "$(case $level in v2) echo sse4_2 ;; v3) echo avx2 ;; v4) echo avx512f ;; esac)" /proc/cpuinfo ||
    { note "this CPU lacks x86-64-$level: not run"; continue; }
  dlink_both prog_$level main.o -Wl,-z,x86-64-$level
  assert_contains "$(isa_needed prog_$level.rivet)" "x86-64-$level" "x86 ISA needed of prog_$level.rivet"
  assert_eq "$(isa_needed prog_$level.rivet)" "$(isa_needed prog_$level.bfd)" "x86 ISA needed of prog_$level.rivet (vs ld.bfd's)"
  run_both_and_compare prog_$level
done

#!/usr/bin/env bash
# --time-report prints, per pass, its wall time, its CPU time over all threads and the
# share of its wall time during which at most one thread was busy, then the same for
# the whole link: the figure that says how far more cores can take a link. With
# --threads=1 every pass is 100% serial (with two, how much overlaps depends on the
# machine's load, so only the form of the report is checked); the output file is the
# same either way.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

# Work for more than one thread: 16 files of 100 functions and a table of them.
for i in $(seq 1 16); do
  {
    for j in $(seq 1 100); do echo "int f${i}_$j(int x) { return x * $j + $i; }"; done
    echo "int (*table$i[])(int) = {"
    for j in $(seq 1 100); do echo "  f${i}_$j,"; done
    echo "};"
  } >"u$i.c"
done
echo 'int main(void) { return 0; }' >main.c
objs=()
for i in $(seq 1 16); do
  compile_c -O0 -ffunction-sections -o "u$i.o" "u$i.c"
  objs+=("u$i.o")
done
compile_c -o main.o main.c

line_re='^ *[0-9]+\.[0-9]{3} ms +[0-9]+\.[0-9]{3} ms cpu +[0-9]+\.[0-9]% serial  '
for t in 1 2; do
  gcc -B"$RIVET_LIBEXEC/" -Wl,--time-report,--threads=$t -o prog$t main.o "${objs[@]}" 2>report$t ||
    fail "the link with --threads=$t failed: $(cat report$t)"
  for pass in read_inputs scan_relocations write_chunks "the whole link"; do
    grep -Eq "$line_re.*$pass" report$t || fail "--threads=$t: no report line for $pass: $(cat report$t)"
  done
done
whole1=$(grep -E "${line_re}the whole link" report1 | sed -E 's/.* ([0-9.]+)% serial.*/\1/')
assert_eq "$whole1" "100.0" "serial share of the whole link with --threads=1"
bad=$(grep -E "$line_re" report1 | grep -Ev ' 100\.0% serial' || true)
[ -z "$bad" ] || fail "--threads=1: a pass reported less than 100% serial: $bad"
# Two threads busy together never last longer than the pass: 0-100% in every line.
bad=$(grep -E "$line_re" report2 | sed -E 's/^ *[0-9.]+ ms +[0-9.]+ ms cpu +([0-9.]+)% serial  .*/\1/' |
  awk '$1 + 0 < 0 || $1 + 0 > 100' || true)
[ -z "$bad" ] || fail "--threads=2: a serial share out of range: $bad"
cmp -s prog1 prog2 || fail "the outputs of --threads=1 and --threads=2 differ"

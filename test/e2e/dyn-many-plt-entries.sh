#!/usr/bin/env bash
# 300 functions in a library, all called from the executable: 300 PLT entries,
# .got.plt slots and R_X86_64_JUMP_SLOT relocations, each bound lazily to the right
# function (every function returns a distinct value, so a PLT entry that pushes a wrong
# relocation index or jumps through the wrong slot shows). Plus a run with
# LD_BIND_NOW=1 (all bound at startup). In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

N=300
{
  for i in $(seq 0 $((N - 1))); do echo "long f$i(long x) { return x * $((i + 1)) + $((i * i)); }"; done
} >lib.c
{
  echo '#include <stdio.h>'
  for i in $(seq 0 $((N - 1))); do echo "long f$i(long);"; done
  echo 'int main(void) {'
  echo '  long sum = 0, bad = 0, v;'
  # Called in a scrambled order so neighbouring slots are not bound in sequence.
  for i in $(seq 0 $((N - 1))); do
    j=$(((i * 7) % N))
    echo "  v = f$j(3); sum += v; if (v != 3L * $((j + 1)) + $((j * j))) bad++;"
  done
  printf '%s\n' '  printf("sum %ld bad %ld\n", sum, bad);'
  echo '  return 0;'
  echo '}'
} >main.c
build_shlib libmany.so libmany.so lib.c
export LD_LIBRARY_PATH="$PWD"
want_sum=$(awk -v n=$N 'BEGIN { s = 0; for (i = 0; i < n; i++) s += 3 * (i + 1) + i * i; print s }')
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O0 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lmany
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "sum $want_sum bad 0"
  LD_BIND_NOW=1 run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "sum $want_sum bad 0"
  f=prog-$mode.rivet
  n=$(dyn_relocs "$f" | awk '$2 == "R_X86_64_JUMP_SLOT" && $3 ~ /^f[0-9]+$/' | wc -l)
  assert_eq "$n" $N "$f: R_X86_64_JUMP_SLOT relocations against f0..f$((N - 1))"
  slots=$(($(hex_to_dec "$(section_field "$f" .got.plt size)") / 8))
  [ "$slots" -ge $((N + 3)) ] || fail "$f: expected .got.plt to hold 3 reserved + $N slots, it has $slots"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

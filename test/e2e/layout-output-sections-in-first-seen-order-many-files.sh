#!/usr/bin/env bash
# Output sections are made in the order their first member appears on the command
# line, as ld.bfd places orphans: with eighty objects, the sections that appear first
# in objects 3, 10, 33, 40, 66 and 75 (orphans .zz, .mm, .aa, and three .q sections
# kept apart by --unique) come out in that order, not sorted by name and not grouped
# by where the objects were binned. Each .q holds its object's number, so the three
# are told apart. The same at 1, 2 and 16 threads, and the program runs.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

objs=main.o
for i in $(seq 0 79); do
  {
    echo "int f$i(void) { return $i; }"
    case $i in
    10) echo '__attribute__((section(".zz"), used)) int zz = 10;' ;;
    40) echo '__attribute__((section(".mm"), used)) int mm = 40;' ;;
    75) echo '__attribute__((section(".aa"), used)) int aa = 75;' ;;
    3 | 33 | 66) echo "__attribute__((section(\".q\"), used)) long q$i = $i;" ;;
    esac
  } >f$i.c
  compile_c -O1 f$i.c
  objs="$objs f$i.o"
done
cat >main.c <<'EOF'
#include <stdio.h>
extern int zz, mm, aa;
extern long q3, q33, q66;
int main(void) { printf("%d %d %d %ld %ld %ld\n", zz, mm, aa, q3, q33, q66); return 0; }
EOF
compile_c -O1 main.c

# The named sections in output order, each .q with the number it holds.
order() {
  readelf -SW "$1" | sed -n 's/^ *\[ *\([0-9][0-9]*\)\] \([^ ]*\) .*/\1 \2/p' |
    while read -r idx name; do
      case $name in
      .q) printf '.q=%d ' "0x$(readelf -x "$idx" "$1" | awk '/^  0x/ { print substr($2, 1, 2); exit }')" ;;
      .zz | .mm | .aa) printf '%s ' "$name" ;;
      esac
    done
}

# shellcheck disable=SC2086
link_both prog $objs -Wl,--unique=.q
run_both_and_compare prog
expect_stdout prog "10 40 75 3 33 66"
assert_eq "$(order prog.rivet)" ".q=3 .zz .q=33 .mm .q=66 .aa " "the output sections' order"
assert_eq "$(order prog.rivet)" "$(order prog.bfd)" "the output sections' order against ld.bfd's"
for t in 1 2 16; do
  # shellcheck disable=SC2086
  link_rivet prog.t$t $objs -Wl,--unique=.q,--threads=$t
done
cmp prog.t1 prog.t2 || fail "the output differs between --threads=1 and --threads=2"
cmp prog.t1 prog.t16 || fail "the output differs between --threads=1 and --threads=16"
echo PASS

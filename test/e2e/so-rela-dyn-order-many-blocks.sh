#!/usr/bin/env bash
# A shared object with about 20,000 dynamic relocations of three kinds interleaved in
# one table of pointers: RELATIVE (pointers to its hidden data), R_X86_64_64 against an
# exported variable, and pointers to IFUNCs every 997 rows (a hidden one: RELATIVE to
# its .iplt entry, as lld makes it, where ld.bfd writes IRELATIVE; an exported one:
# R_X86_64_64 against it). .rela.dyn is written in blocks of entries on all threads;
# whatever the thread count it must hold every entry once, in GNU ld's order
# (RELATIVE first, counted by DT_RELACOUNT; those against an IFUNC last, so that a
# resolver reads relocated data), each class in table order, and the pointers must be
# right at run time: the library checks each against an address it computes
# PC-relatively, as the same library linked by ld.bfd does.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools python3

python3 - <<'EOF2'
n = 10000
with open("lib.c", "w") as f:
    f.write("""#include <stdio.h>
__attribute__((visibility("hidden"))) int local_data[%d];
int exported[7];
static int one(void) { return 1; }
static int (*pick(void))(void) { return one; }
__attribute__((visibility("hidden"))) int hidden_ifunc(void) __attribute__((ifunc("pick")));
int exported_ifunc(void) __attribute__((ifunc("pick")));
struct row { int *local; int *global; int (*fn)(void); };
struct row table[] = {
""" % n)
    for i in range(n):
        fn = "0"
        if i % 997 == 0:
            fn = "hidden_ifunc" if (i // 997) % 2 == 0 else "exported_ifunc"
        f.write("  {&local_data[%d], &exported[%d], %s},\n" % (i, i % 7, fn))
    f.write("""};
int check(void) {
  int bad = 0, calls = 0;
  for (int i = 0; i < %d; i++) {
    bad += table[i].local != &local_data[i];
    bad += table[i].global != &exported[i %% 7];
    if (table[i].fn)
      calls += table[i].fn();
  }
  printf("rows %d, wrong pointers %%d, ifunc calls %%d\\n", bad, calls);
  return bad;
}
""" % (n, n))
with open("main.c", "w") as f:
    f.write("int check(void);\nint main(void) { return check() != 0; }\n")
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
compile_c -O1 -o main.o main.c
dlink_both libtable.so -shared lib.o
for t in 1 16; do
  dlink_rivet "libtable-t$t.so" -shared -Wl,--threads=$t lib.o
  cmp -s libtable.so.rivet "libtable-t$t.so" || fail "libtable.so: the output with --threads=$t differs from the default thread count's"
done

rela_dyn_rows() { # FILE: "offset type symbol" of each .rela.dyn entry, in table order
  readelf -rW "$1" | awk '
    /^Relocation section / { in_dyn = ($3 == "'"'"'.rela.dyn'"'"'"); next }
    in_dyn && $1 ~ /^[0-9a-f]+$/ && $3 ~ /^R_/ { print $1, $3, (NF >= 7 ? $5 : "-") }'
}
for l in rivet bfd; do
  rela_dyn_rows "libtable.so.$l" >"rows.$l"
done
total=$(wc -l <rows.rivet)
[ "$total" -ge 20020 ] || fail "libtable.so.rivet: expected over 20,000 .rela.dyn entries (three blocks), got $total"
count_type() { awk -v t="$2" '$2 == t' "rows.$1" | wc -l; }
for type in R_X86_64_64 R_X86_64_GLOB_DAT; do
  assert_eq "$(count_type rivet $type)" "$(count_type bfd $type)" "libtable.so: $type entries in .rela.dyn, rivet against ld.bfd"
done
assert_eq "$(count_type rivet R_X86_64_RELATIVE)" "$(($(count_type bfd R_X86_64_RELATIVE) + $(count_type bfd R_X86_64_IRELATIVE)))" \
  "libtable.so.rivet: RELATIVE entries in .rela.dyn (ld.bfd's RELATIVE and IRELATIVE ones)"
relative=$(awk '$2 == "R_X86_64_RELATIVE"' rows.rivet | wc -l)
assert_eq "$(dynamic_values libtable.so.rivet RELACOUNT)" "$relative" "libtable.so.rivet: DT_RELACOUNT"
assert_eq "$(head -n "$relative" rows.rivet | awk '$2 != "R_X86_64_RELATIVE" && !found { print; found = 1 }')" "" \
  "libtable.so.rivet: an entry that is not RELATIVE among the first $relative (DT_RELACOUNT)"
# The five against exported_ifunc close the table.
assert_eq "$(tail -n 5 rows.rivet | awk '{ print $2, $3 }' | sort -u)" "R_X86_64_64 exported_ifunc" \
  "libtable.so.rivet: the last 5 .rela.dyn entries (those against the IFUNC)"
assert_eq "$(awk '$3 == "exported_ifunc"' rows.rivet | wc -l)" 5 "libtable.so.rivet: entries against exported_ifunc"
# Each place is relocated once, and each class lists its places in table order.
assert_eq "$(awk '{ print $1 }' rows.rivet | sort | uniq -d | awk 'NR <= 3' | tr '\n' ' ')" "" "libtable.so.rivet: places relocated twice"
table_lo=$(hex_to_dec "$(symbol_field libtable.so.rivet table value)")
table_hi=$((table_lo + $(symbol_field libtable.so.rivet table size)))
check_ascending() { # WHAT: the offsets on standard input that lie in table ascend
  local prev=-1 off n=0
  while read -r off; do
    off=$((16#$off))
    [ "$off" -ge "$table_lo" ] && [ "$off" -lt "$table_hi" ] || continue
    [ "$off" -gt "$prev" ] || fail "libtable.so.rivet: $1 not in table order (0x$(printf %x "$off") after 0x$(printf %x "$prev"))"
    prev=$off
    n=$((n + 1))
  done
  [ "$n" -ge "$2" ] || fail "libtable.so.rivet: expected at least $2 of $1 in table, found $n"
}
head -n "$relative" rows.rivet | awk '{ print $1 }' | check_ascending "the RELATIVE entries" 10006
head -n $((total - 5)) rows.rivet | tail -n +$((relative + 1)) | awk '$2 == "R_X86_64_64" { print $1 }' |
  check_ascending "the R_X86_64_64 entries against exported" 10000
tail -n 5 rows.rivet | awk '{ print $1 }' | check_ascending "the entries against exported_ifunc" 5

mkdir -p rv bfd
cp libtable.so.rivet rv/libtable.so
cp libtable.so.bfd bfd/libtable.so
dlink_rivet prog.rivet main.o -Lrv -ltable -Wl,-rpath,'$ORIGIN/rv'
dlink_bfd prog.bfd main.o -Lbfd -ltable -Wl,-rpath,'$ORIGIN/bfd'
run_both_and_compare prog
expect_stdout prog "rows 10000, wrong pointers 0, ifunc calls 11"
elflint_compare libtable.so

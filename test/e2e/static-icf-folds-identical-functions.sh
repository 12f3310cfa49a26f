#!/usr/bin/env bash
# --icf=all folds functions compiled to the same bytes in different translation units
# (-ffunction-sections), with gcc and with clang: the two names get one address, and
# calls through both still work. Functions that differ only in what they call stay
# apart; two functions identical but for calling each other are folded (the classes
# are refined to a fixpoint). --icf=safe keeps a function whose address is taken
# (clang's .llvm_addrsig) but folds the others; --icf=none is the default output byte
# for byte; the output does not depend on --threads; .text is no larger than ld.lld's.
# As lld documents, folding makes &f == &g true in C: the program prints it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools clang nm

cat >a.c <<'EOF'
int h1(int), rec_b(int);
int f(int x) { return x * 3 + 7; }
int call_h1(int x) { return h1(x) * 5 + 1; }
int rec_a(int x) { return x <= 0 ? 0 : rec_b(x - 1) + 2; }
int k1(int x) { return (x ^ 0x55) * 11 - 3; }
EOF
cat >b.c <<'EOF'
int h2(int), rec_a(int);
int g(int x) { return x * 3 + 7; }
int call_h2(int x) { return h2(x) * 5 + 1; }
int rec_b(int x) { return x <= 0 ? 0 : rec_a(x - 1) + 2; }
int k2(int x) { return (x ^ 0x55) * 11 - 3; }
int h1(int x) { return x + 100; }
int h2(int x) { return x + 200; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int f(int), g(int), call_h1(int), call_h2(int), rec_a(int), rec_b(int), k1(int), k2(int);
int main(void) {
  /* volatile: the compiler may not decide the comparison itself */
  int (*volatile pf)(int) = f, (*volatile pg)(int) = g;
  printf("%d %d %d %d %d %d %d %d\n", f(2), g(3), call_h1(1), call_h2(1), rec_a(5), rec_b(6),
         k1(4), k2(5));
  printf("f==g %d\n", pf == pg);
  return 0;
}
EOF
want_values="13 16 506 1006 10 12 888 877"

# addr FILE SYMBOL: the symbol's value in .symtab.
addr() {
  symbol_field "$1" "$2" value
}

lld=$(command -v ld.lld || command -v ld.lld-19 || true)

for cc in gcc clang; do
  opts=(-O2 -ffunction-sections -fno-pic)
  [ "$cc" = clang ] && opts+=(-faddrsig)
  for src in a b main; do
    run "$cc" -c "${opts[@]}" -o "$src-$cc.o" "$src.c"
  done
  objs=(main-$cc.o a-$cc.o b-$cc.o)
  link_rivet "all-$cc" "${objs[@]}" -no-pie -Wl,--icf=all,--print-icf-sections >"all-$cc.icf"
  out=$(./"all-$cc")
  assert_eq "$out" "$want_values"$'\n'"f==g 1" "output of the --icf=all program built with $cc"

  # The folded pairs share an address; the pair calling different functions does not.
  assert_eq "$(addr "all-$cc" g)" "$(addr "all-$cc" f)" "$cc: address of g (identical to f)"
  assert_eq "$(addr "all-$cc" rec_b)" "$(addr "all-$cc" rec_a)" \
    "$cc: address of rec_b (identical to rec_a but for calling rec_a instead of rec_b)"
  assert_eq "$(addr "all-$cc" k2)" "$(addr "all-$cc" k1)" "$cc: address of k2 (identical to k1)"
  [ "$(addr "all-$cc" call_h1)" != "$(addr "all-$cc" call_h2)" ] ||
    fail "$cc: expected call_h1 and call_h2 (calling h1 and h2) at different addresses, both at $(addr "all-$cc" call_h1)"
  nm_f=$(nm "all-$cc" | awk '$3 == "f" {print $1}')
  nm_g=$(nm "all-$cc" | awk '$3 == "g" {print $1}')
  assert_eq "$nm_g" "$nm_f" "$cc: nm value of g"
  assert_contains "$(cat "all-$cc.icf")" "removing identical section b-$cc.o:(.text.g)" \
    "$cc: --print-icf-sections"
  assert_contains "$(cat "all-$cc.icf")" "selected section a-$cc.o:(.text.f)" \
    "$cc: --print-icf-sections"
  assert_not_contains "$(cat "all-$cc.icf")" "(.text.call_h2)" "$cc: --print-icf-sections"

  # The copy's FDE goes with it: one FDE per address range in .eh_frame.
  dups=$(readelf -wf "all-$cc" | grep -o 'pc=[0-9a-f.]*' | sort | uniq -d)
  assert_eq "$dups" "" "$cc: FDEs covering the same code more than once"

  # --icf=none and --no-icf are the default, byte for byte.
  link_rivet "none-$cc" "${objs[@]}" -no-pie
  link_rivet "none2-$cc" "${objs[@]}" -no-pie -Wl,--icf=none
  link_rivet "none3-$cc" "${objs[@]}" -no-pie -Wl,--icf=all,--no-icf
  cmp "none-$cc" "none2-$cc" || fail "$cc: --icf=none output differs from the default output"
  cmp "none-$cc" "none3-$cc" || fail "$cc: --no-icf output differs from the default output"
  assert_eq "$(./"none-$cc")" "$want_values"$'\n'"f==g 0" "output of the program linked without --icf"

  # Folding does not depend on the thread count.
  link_rivet "t1-$cc" "${objs[@]}" -no-pie -Wl,--icf=all,--threads=1
  link_rivet "t4-$cc" "${objs[@]}" -no-pie -Wl,--icf=all,--threads=4
  cmp "t1-$cc" "t4-$cc" || fail "$cc: --icf=all output with --threads=1 differs from --threads=4"

  # The same folding as ld.lld: our two objects alone, so that both linkers lay out the
  # same sections in the same order (with libc.a, the members' order differs between
  # the two, and so does the alignment padding between them).
  if [ -n "$lld" ]; then
    run "$LD_RIVET" -static -e f --icf=all -o "size-$cc" a-$cc.o b-$cc.o
    run "$lld" -static -e f --icf=all -o "lld-$cc" a-$cc.o b-$cc.o
    ours=$(hex_to_dec "$(section_field "size-$cc" .text size)")
    theirs=$(hex_to_dec "$(section_field "lld-$cc" .text size)")
    run "$LD_RIVET" -static -e f -o "size0-$cc" a-$cc.o b-$cc.o
    unfolded=$(hex_to_dec "$(section_field "size0-$cc" .text size)")
    note "$cc: .text with --icf=all: rivet $ours bytes, ld.lld $theirs bytes; without: $unfolded"
    [ "$ours" -lt "$unfolded" ] || fail "$cc: expected --icf=all to shrink .text below $unfolded bytes, got $ours"
    [ "$ours" -le "$theirs" ] || fail "$cc: expected .text no larger than ld.lld's ($theirs bytes) with --icf=all, got $ours"
  else
    note "ld.lld is not installed: .text not compared with it"
  fi
done

# --icf=safe with clang's address-significance tables: f and g have their address taken
# in main, so they keep their own; the others are folded.
link_rivet safe-clang main-clang.o a-clang.o b-clang.o -no-pie -Wl,--icf=safe
assert_eq "$(./safe-clang)" "$want_values"$'\n'"f==g 0" "output of the --icf=safe program"
[ "$(addr safe-clang f)" != "$(addr safe-clang g)" ] ||
  fail "--icf=safe: expected f and g (address taken) at different addresses, both at $(addr safe-clang f)"
assert_eq "$(addr safe-clang rec_b)" "$(addr safe-clang rec_a)" "--icf=safe: address of rec_b"
assert_eq "$(addr safe-clang k2)" "$(addr safe-clang k1)" "--icf=safe: address of k2"

# gcc writes no address-significance table: under --icf=safe every symbol of its objects
# is address-significant, so nothing of ours is folded.
link_rivet safe-gcc main-gcc.o a-gcc.o b-gcc.o -no-pie -Wl,--icf=safe
[ "$(addr safe-gcc k1)" != "$(addr safe-gcc k2)" ] ||
  fail "--icf=safe with gcc objects (no .llvm_addrsig): expected k1 and k2 apart, both at $(addr safe-gcc k1)"

expect_link_error bad.out "--icf" "bogus" -- "$LD_RIVET" --icf=bogus main-gcc.o -o bad.out

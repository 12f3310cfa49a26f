#!/usr/bin/env bash
# --sort-common places common symbols by decreasing alignment (as GNU ld's default
# "descending"), so no padding is wasted between them; without it they keep input order.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >cm.c <<'EOF2'
#include <stdio.h>
char c1; double d1; char c2; long double ld1; char c3;
int main(void) { c1 = 1; d1 = 2; c2 = 3; ld1 = 4; c3 = 5; printf("%d %g %d %Lg %d\n", c1, d1, c2, ld1, c3); return 0; }
EOF2
compile_c -O0 -fcommon -o cm.o cm.c
link_both sorted cm.o -Wl,--sort-common
run_both_and_compare sorted
expect_stdout sorted "1 2 3 4 5"
addr() { nm "$1" | awk -v s="$2" '$3 == s { print $1 }'; }
f=sorted.rivet
ld1=$((16#$(addr $f ld1))) d1=$((16#$(addr $f d1)))
for c in c1 c2 c3; do
  a=$((16#$(addr $f $c)))
  [ "$ld1" -lt "$d1" ] && [ "$d1" -lt "$a" ] ||
    fail "$f: expected ld1 (16-aligned) < d1 (8-aligned) < $c (1-aligned) with --sort-common, got ld1=$ld1 d1=$d1 $c=$a"
done
span=$(( $(printf '%d' 0x$(addr $f c3)) - ld1 ))
[ "$span" -le 27 ] || fail "$f: expected the five commons packed in at most 27 bytes from ld1, got $span"
elflint_compare sorted

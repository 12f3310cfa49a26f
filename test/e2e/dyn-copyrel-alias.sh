#!/usr/bin/env bash
# Two names for one object in a library (var_b is an alias of var_a). When -fno-pic
# -no-pie code references both, they must stay one object after copying: one COPY
# relocation, both names exported at the same address, so a write through either name
# (from the executable or the library) is seen through the other.
#
# Two libraries: libweak.so with a weak alias (the glibc environ/__environ pattern, which
# ld.bfd handles too, so both outputs are compared) and libstrong.so with a global alias.
# ld.bfd only follows weak aliases and copies a global alias as a separate object (its
# output prints "same address: 0"), so for libstrong.so rivet's output is checked against
# the expected text alone.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

for kind in weak strong; do
  attr='alias("var_a")'
  [ $kind = weak ] && attr='weak, alias("var_a")'
  cat >lib-$kind.c <<EOF2
int var_a = 5;
extern int var_b __attribute__(($attr));
int lib_read_a(void) { return var_a; }
int lib_read_b(void) { return var_b; }
void lib_write_b(int v) { var_b = v; }
EOF2
  build_shlib lib$kind.so lib$kind.so lib-$kind.c
done
cat >main.c <<'EOF2'
#include <stdio.h>
extern int var_a, var_b;
int lib_read_a(void), lib_read_b(void);
void lib_write_b(int);
int main(void) {
  printf("start a=%d b=%d\n", var_a, var_b);
  var_a = 10;
  printf("exe wrote a: b=%d lib_a=%d lib_b=%d\n", var_b, lib_read_a(), lib_read_b());
  var_b = 20;
  printf("exe wrote b: a=%d lib_a=%d lib_b=%d\n", var_a, lib_read_a(), lib_read_b());
  lib_write_b(30);
  printf("lib wrote b: a=%d b=%d\n", var_a, var_b);
  printf("same address: %d\n", &var_a == &var_b);
  return 0;
}
EOF2
want="start a=5 b=5
exe wrote a: b=10 lib_a=10 lib_b=10
exe wrote b: a=20 lib_a=20 lib_b=20
lib wrote b: a=30 b=30
same address: 1"
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -fno-pic -o main.o main.c

dlink_both weak -no-pie main.o -L. -lweak
run_both_and_compare weak
expect_stdout weak "$want"

dlink_rivet strong.rivet -no-pie main.o -L. -lstrong || fail "rivet failed to link main.o against libstrong.so"
status=0
timeout "$RUN_TIMEOUT" ./strong.rivet >strong.rivet.stdout 2>strong.rivet.stderr || status=$?
assert_eq "$status" 0 "exit status of strong.rivet $(_status_hint "$status")"
printf '%s\n' "$want" >strong.expected
cmp -s strong.expected strong.rivet.stdout ||
  fail "strong.rivet: expected stdout (-) differs from what it printed (+):"$'\n'"$(diff -u --label expected --label rivet strong.expected strong.rivet.stdout || true)"

for f in weak.rivet strong.rivet; do
  na=$(dyn_reloc_count $f R_X86_64_COPY var_a)
  nb=$(dyn_reloc_count $f R_X86_64_COPY var_b)
  assert_eq "$((na + nb))" 1 "$f: COPY relocations for the var_a/var_b object (var_a: $na, var_b: $nb)"
  va=$(dynsym_field $f var_a value)
  vb=$(dynsym_field $f var_b value)
  { [ -n "$va" ] && [ -n "$vb" ]; } || fail "$f: expected var_a and var_b both in .dynsym, got: $(dynsym $f | grep var_ || echo none)"
  assert_eq "$vb" "$va" "$f: .dynsym value of var_b (must be var_a's)"
done
elflint_compare weak
elflint_compare strong.rivet weak.bfd

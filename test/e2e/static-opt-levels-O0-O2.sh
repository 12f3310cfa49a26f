#!/usr/bin/env bash
# The same program built at -O0 and at -O2. -O2 code brings relocation kinds and
# sections -O0 code does not (switch jump tables in .rodata, .rodata.cst* constant
# pools, tail calls, .text.startup / .text.unlikely) and -O0 brings others; both
# builds must run and print the same thing as each other and as ld.bfd's links.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >ops.c <<'EOF'
#include <string.h>
double scale(int op, double x) {
  switch (op) { /* dense enough for a jump table */
    case 0: return x * 1.5;
    case 1: return x / 3.25;
    case 2: return x + 0.125;
    case 3: return x - 1e-3;
    case 4: return x * x;
    case 5: return -x;
    case 6: return x * 2.75 + 1.0;
    case 7: return x / 7.0;
    default: return 0.0;
  }
}
struct rec { char name[24]; double v; int tag; };
static const struct rec table[] = {{"alpha", 1.0, 1}, {"beta", 2.5, 2}, {"gamma", -4.0, 3}};
int copy_rec(int i, struct rec *out) {
  if (i < 0 || i > 2) return -1;
  *out = table[i];
  return (int)strlen(out->name);
}
EOF
cat >main.c <<'EOF'
#include <stdio.h>
double scale(int op, double x);
struct rec { char name[24]; double v; int tag; };
int copy_rec(int i, struct rec *out);
__attribute__((cold, noinline)) static void report_error(const char *what) { printf("error: %s\n", what); }
int main(void) {
  double acc = 1.0;
  for (int round = 0; round < 3; round++)
    for (int op = 0; op < 9; op++) {
      acc = scale(op, acc + round);
      if (acc > 1e6 || acc < -1e6) acc = 1.0;
    }
  printf("acc=%.6f\n", acc);
  for (int i = 0; i < 4; i++) {
    struct rec r;
    int n = copy_rec(i, &r);
    if (n < 0) report_error("no such record");
    else printf("%s len=%d v=%.2f tag=%d\n", r.name, n, r.v, r.tag);
  }
  return 0;
}
EOF
for o in O0 O2; do
  compile_c "-$o" -o "ops.$o.o" ops.c
  compile_c "-$o" -o "main.$o.o" main.c
  link_both "prog_$o" "main.$o.o" "ops.$o.o"
  run_both_and_compare "prog_$o"
  expect_status "prog_$o" 0
  elflint_compare "prog_$o"
done
grep -q '\.rodata' <(readelf -SW ops.O2.o) || fail "test setup: expected the -O2 object to have a .rodata jump table/constant pool"
cmp -s prog_O0.rivet.stdout prog_O2.rivet.stdout ||
  fail "expected the -O0 and -O2 builds linked by rivet to print the same; diff (O0 -> O2):"$'\n'"$(diff prog_O0.rivet.stdout prog_O2.rivet.stdout || true)"
expect_stdout prog_O2 "$(cat prog_O0.bfd.stdout)"
grep -qx 'gamma len=5 v=-4.00 tag=3' prog_O2.rivet.stdout ||
  fail "expected a line 'gamma len=5 v=-4.00 tag=3', got:"$'\n'"$(cat prog_O2.rivet.stdout)"
grep -qx 'error: no such record' prog_O2.rivet.stdout ||
  fail "expected a line 'error: no such record', got:"$'\n'"$(cat prog_O2.rivet.stdout)"

#!/usr/bin/env bash
# python3 loads a library linked by rivet with ctypes (dlopen by path from an
# executable no linker of ours produced) and calls functions taking and returning
# integers, doubles and strings, and reads an exported variable -- with the same
# results as the ld.bfd-linked library.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools python3

cat >lib.c <<'EOF2'
#include <math.h>
#include <stdio.h>
#include <string.h>
int scale = 3;
int f(int x) { return x * scale + 1; }
double hyp(double a, double b) { return sqrt(a * a + b * b); }
static char out[128];
const char *greet(const char *who) { snprintf(out, sizeof out, "hello, %s (%zu)", who, strlen(who)); return out; }
EOF2
cat >run.py <<'EOF2'
import ctypes, sys
l = ctypes.CDLL(sys.argv[1])
print(l.f(3))
l.hyp.restype = ctypes.c_double
l.hyp.argtypes = [ctypes.c_double, ctypes.c_double]
print(l.hyp(3.0, 4.0))
l.greet.restype = ctypes.c_char_p
print(l.greet(b"ctypes").decode())
s = ctypes.c_int.in_dll(l, "scale")
s.value = 10
print(l.f(3))
try:
    l.not_there
    print("not_there found")
except AttributeError:
    print("not_there missing")
EOF2
so_link_both libx.so -O1 lib.c -lm
for side in bfd rivet; do
  run python3 run.py "$PWD/$side/libx.so" >py.$side.stdout 2>py.$side.stderr ||
    fail "python3 ctypes with $side/libx.so: expected exit status 0, got $?; stderr:"$'\n'"$(cat py.$side.stderr)"
done
printf '%s\n' 10 5.0 "hello, ctypes (6)" 31 "not_there missing" >py.expected
cmp -s py.expected py.bfd.stdout || fail "test setup: python3 with bfd/libx.so printed (+) not what was expected (-):"$'\n'"$(diff -u py.expected py.bfd.stdout || true)"
cmp -s py.expected py.rivet.stdout || fail "python3 ctypes with rivet/libx.so: expected stdout (-), got (+):"$'\n'"$(diff -u --label expected --label rivet py.expected py.rivet.stdout || true)"$'\n'"stderr:"$'\n'"$(cat py.rivet.stderr)"
so_elflint_compare libx.so

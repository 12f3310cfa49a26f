#!/usr/bin/env bash
# --explain-symbol on a protected variable, from both sides:
#  - in the shared object that defines it, the symbol is exported but not preemptible,
#    and a GOT-generating reference resolves locally (RELATIVE, no GLOB_DAT);
#  - in an executable whose non-PIC code reads it, a copy relocation would be needed,
#    which the protected visibility forbids: the link fails and the explanation says so.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((visibility("protected"))) int pvar = 7;
int *pvar_addr(void) { return &pvar; }
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
run gcc -shared -B"$RIVET_LIBEXEC/" -o libprot.so lib.o -Wl,--explain-symbol=pvar >explain-so.txt
expected="ld.rivet: explain: symbol 'pvar'
  definition: lib.o, GLOBAL OBJECT, visibility PROTECTED, size 4
  preemptible: no (protected visibility: exported, but references from this shared object bind locally)
  exported in .dynsym: yes"
assert_eq "$(head -4 explain-so.txt)" "$expected" "first lines of --explain-symbol in the shared object"
if readelf -W -r libprot.so | grep -q "GLOB_DAT.* pvar"; then
  fail "expected no GLOB_DAT for protected pvar in libprot.so; got: $(readelf -W -r libprot.so)"
fi

cat >main.c <<'EOF2'
extern int pvar;
int main(void) { return pvar; }
EOF2
compile_c -O1 -fno-pic -o main.o main.c
status=0
gcc -B"$RIVET_LIBEXEC/" -no-pie -o prog main.o -L. -lprot -Wl,--explain-symbol=pvar >explain-exe.txt 2>err.txt || status=$?
[ "$status" = 1 ] || fail "expected the executable link to fail (copy relocation of a protected symbol), exit $status"
grep -q "protected symbol 'pvar'" err.txt || fail "expected an error naming protected symbol 'pvar', got: $(cat err.txt)"
[ ! -e prog ] || fail "expected no output file after the failed link"

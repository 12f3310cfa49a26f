#!/usr/bin/env bash
# GNU ld's options that name other objects in .dynamic or set loader flags:
# --audit and -P/--depaudit (several joined by ':'), -f/--auxiliary (one tag each),
# -F/--filter (the last one), -Bgroup, -z globalaudit, loadfltr, nodefaultlib, nodump,
# unique/nounique; --spare-dynamic-tags N adds N DT_NULL entries. Each tag line must
# match ld.bfd's for the same command. Then the effect: a program linked with
# --audit=./libaud.so runs the auditor (glibc reads DT_AUDIT), and -f without -shared
# is refused as GNU ld refuses it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_value(void) { return 42; }
EOF2
compile_c -fPIC -o lib.o lib.c
opts=(--audit a1.so --audit=a2.so -P d1.so --depaudit d2.so -f aux1.so --auxiliary aux2.so
  -F first.so --filter last.so -Bgroup -z globalaudit -z loadfltr -z nodefaultlib -z nodump
  -z unique -soname libx.so)
run ld.bfd -shared -o bfd.so lib.o "${opts[@]}"
run "$LD_RIVET" -shared -o rivet.so lib.o "${opts[@]}"
for tag in FILTER AUXILIARY AUDIT DEPAUDIT GNU_FLAGS_1 FLAGS_1; do
  assert_eq "$(dynamic_values rivet.so "$tag")" "$(dynamic_values bfd.so "$tag")" "the $tag entries of rivet.so (as ld.bfd's)"
done
assert_eq "$(dynamic_values rivet.so FILTER)" "Filter library: [last.so]" "DT_FILTER (the last -F wins)"
# -z nounique after -z unique cancels it.
run "$LD_RIVET" -shared -o nounique.so lib.o -z unique -z nounique
! has_dynamic_tag nounique.so GNU_FLAGS_1 || fail "expected no DT_GNU_FLAGS_1 after -z unique -z nounique"

# --spare-dynamic-tags: exactly N more entries, all DT_NULL.
run "$LD_RIVET" -shared -o spare0.so lib.o --spare-dynamic-tags=0
run "$LD_RIVET" -shared -o spare5.so lib.o --spare-dynamic-tags 5
size0=$(section_field spare0.so .dynamic size)
size5=$(section_field spare5.so .dynamic size)
assert_eq "$((16#$size5 - 16#$size0))" 80 "growth of .dynamic with --spare-dynamic-tags 5 (5 x 16 bytes)"

# The auditor runs: glibc loads DT_AUDIT libraries before the program.
cat >aud.c <<'EOF2'
#include <link.h>
#include <stdio.h>
#include <unistd.h>
unsigned int la_version(unsigned int v) {
  static const char msg[] = "auditor loaded\n";
  write(1, msg, sizeof msg - 1);
  return v;
}
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int main(void) { puts("main ran"); return 0; }
EOF2
run gcc -shared -fPIC -o libaud.so aud.c
compile_c -o main.o main.c
dlink_rivet audited.rivet main.o -Wl,--audit="$PWD/libaud.so"
dlink_bfd audited.bfd main.o -Wl,--audit="$PWD/libaud.so"
run_both_and_compare audited
assert_eq "$(cat audited.rivet.stdout)" "auditor loaded"$'\n'"main ran" "output of the program linked with --audit"

# Filters belong to shared objects: GNU ld refuses them in an executable.
status=0
"$LD_RIVET" -o filt.exe main.o -F libc.so.6 2>err.txt || status=$?
assert_eq "$status" 1 "exit status of -F without -shared"
assert_contains "$(cat err.txt)" "-F may not be used without -shared" "the error for -F without -shared"
[ ! -e filt.exe ] || fail "a refused link left filt.exe behind"

#!/usr/bin/env bash
# Options that report on the link: -t/--trace names every input the link uses (each
# object, the archive member it extracted, each shared object); -M/--print-map prints
# the map on standard output, naming every input section of our objects and (by
# default, as GNU ld) the sections --gc-sections discarded, which
# --no-print-map-discarded leaves out; --dependency-file writes a make rule whose
# prerequisites are every input read, which make accepts; --print-output-format and
# --print-memory-usage print what ld.bfd prints; --target-help lists the -z keywords.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar make

cat >main.c <<'EOF2'
#include <stdio.h>
int from_member(void);
int unused_code(void) { return 1; }
int main(void) { printf("%d\n", from_member()); return 0; }
EOF2
cat >member.c <<'EOF2'
int from_member(void) { return 5; }
EOF2
cat >other.c <<'EOF2'
int never_extracted(void) { return 6; }
EOF2
compile_c -ffunction-sections -o main.o main.c
compile_c -o member.o member.c
compile_c -o other.o other.c
run ar rcs libm1.a member.o other.o

out=$(gcc -B"$RIVET_LIBEXEC/" -o traced main.o libm1.a -Wl,-t)
assert_contains "$out" "main.o" "-t output"
assert_contains "$out" "libm1.a(member.o)" "-t output (the extracted member)"
assert_not_contains "$out" "other.o" "-t output (a member not extracted)"
assert_contains "$out" "libc.so" "-t output (the C library)"
assert_eq "$(./traced)" 5 "output of the traced link's program"

gcc -B"$RIVET_LIBEXEC/" -o mapped main.o libm1.a -Wl,--gc-sections,-M >map.txt
for sec in .text.main .text.from_member .text; do
  grep -q "main.o:($sec)\|member.o):($sec)" map.txt || [ "$sec" != .text.main ] ||
    fail "expected -M to list main.o:(.text.main), got:"$'\n'"$(head -40 map.txt)"
done
grep -q 'libm1.a(member.o):(.text)' map.txt || fail "expected -M to list libm1.a(member.o):(.text)"
grep -q 'Discarded input sections' map.txt || fail "expected -M to list discarded input sections (GNU ld's default)"
grep -q 'main.o:(.text.unused_code)' map.txt || fail "expected .text.unused_code among the discarded sections"
gcc -B"$RIVET_LIBEXEC/" -o mapped main.o libm1.a -Wl,--gc-sections,-M,--no-print-map-discarded >map2.txt
! grep -q 'Discarded input sections' map2.txt || fail "expected no discarded sections with --no-print-map-discarded"

gcc -B"$RIVET_LIBEXEC/" -o dep.out main.o libm1.a -Wl,--dependency-file=dep.d
head -1 dep.d | grep -q '^dep.out: \\$' || fail "expected dep.d to start with 'dep.out: \\', got: $(head -1 dep.d)"
for f in main.o libm1.a libc.so.6; do
  grep -q "^  .*$f \\\\\$\|^  .*$f\$" dep.d || fail "expected dep.d to list $f, got:"$'\n'"$(cat dep.d)"
done
printf 'include dep.d\ndep.out:\n\t@echo relink\n' >wrap.mk
make -s -q -f wrap.mk dep.out || fail "expected make to read dep.d and find dep.out up to date"
touch -d '+1 hour' main.o
status=0
make -s -q -f wrap.mk dep.out || status=$?
assert_eq "$status" 1 "make -q after main.o changed (dep.out must be out of date)"

assert_eq "$("$LD_RIVET" --print-output-format)" "$(ld.bfd --print-output-format)" "--print-output-format"
assert_eq "$("$LD_RIVET" -o mu member.o -e from_member --print-memory-usage)" "$(ld.bfd -o mu.bfd member.o -e from_member --print-memory-usage)" "--print-memory-usage"
assert_contains "$("$LD_RIVET" --target-help)" "-z separate-code" "--target-help"

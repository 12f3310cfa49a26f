#!/usr/bin/env bash
# --explain-symbol on the classic copy relocation: non-PIC code reads a library's
# variable, so the executable holds a copy. The explanation names the definer, says the
# symbol is preemptible because a shared object defines it, and reports each reference
# as the COPY at the copy's address (which must equal .dynsym's value for it).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_counter = 41;
int lib_get(void) { return lib_counter; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int lib_counter;
int lib_get(void);
int main(void) { lib_counter++; printf("%d %d\n", lib_counter, lib_get()); return 0; }
EOF2
build_shlib libcopy.so libcopy.so lib.c
compile_c -O1 -fno-pic -o main.o main.c
dlink_rivet prog -no-pie main.o -L. -lcopy -Wl,-rpath,'$ORIGIN' -Wl,--explain-symbol=lib_counter >explain.txt
LD_LIBRARY_PATH=. ./prog >out.txt
assert_eq "$(cat out.txt)" "42 42" "program output (the library must see the copy)"

addr=$(readelf -W --dyn-syms prog | awk '$8 == "lib_counter" { print $2 }' | sed 's/^0*//')
[ -n "$addr" ] || fail "expected lib_counter in .dynsym of prog"
expected="ld.rivet: explain: symbol 'lib_counter'
  definition: ./libcopy.so (shared object), GLOBAL OBJECT, visibility DEFAULT, size 4
  preemptible: yes (defined in a shared object: imported, the loader binds it)
  exported in .dynsym: yes
  references:"
assert_eq "$(head -5 explain.txt)" "$expected" "first lines of --explain-symbol output"
refs=$(tail -n +6 explain.txt)
[ -n "$refs" ] || fail "expected at least one reference line, got none"
while IFS= read -r line; do
  case "$line" in
  "    R_X86_64_PC32 from main.o:(.text"*"): COPY relocation: the object is copied to 0x$addr in .copyrel (size 4)") ;;
  *) fail "reference line: expected 'R_X86_64_PC32 from main.o:(.text+…): COPY relocation: the object is copied to 0x$addr in .copyrel (size 4)', got '$line'" ;;
  esac
done <<<"$refs"

#!/usr/bin/env bash
# -z unique-symbol: every input file's local symbol (not file or section symbols) gets
# ".COUNT" after its name, numbered per name in .symtab order from 0, as GNU ld writes
# them (PR ld/26391): three files' static bar() become bar.0, bar.1 and bar.2, and the
# program still runs. -z nounique-symbol turns it off. The option was ignored with a
# warning.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

for i in 1 2 3; do
  cat >b$i.c <<EOF2
#include <stdio.h>
static void bar(void) { printf("bar $i\n"); }
static int counter = $i;
void *bar${i}_p(void) { counter++; return (void *)bar; }
EOF2
  compile_c -O0 -o b$i.o b$i.c
done
cat >main.c <<'EOF2'
typedef void (*fp)(void);
fp bar1_p(void), bar2_p(void), bar3_p(void);
int main(void) { bar1_p()(); bar2_p()(); bar3_p()(); return 0; }
EOF2
compile_c -O0 -o main.o main.c
link_both prog main.o b1.o b2.o b3.o -Wl,-z,unique-symbol
run_both_and_compare prog
expect_stdout prog "bar 1
bar 2
bar 3"
locals() { nm "$1" | awk '$2 ~ /^[tdb]$/ && $3 ~ /^(bar|counter)/ {print $3}' | sort | tr '\n' ' '; }
assert_eq "$(locals prog.rivet)" "bar.0 bar.1 bar.2 counter.0 counter.1 counter.2 " "prog.rivet: local symbol names"
assert_eq "$(locals prog.rivet)" "$(locals prog.bfd)" "prog.rivet: local symbol names (as ld.bfd's)"
link_rivet prog2 main.o b1.o b2.o b3.o -Wl,-z,unique-symbol -Wl,-z,nounique-symbol
assert_eq "$(locals prog2)" "bar bar bar counter counter counter " "prog2: -z nounique-symbol keeps the names"

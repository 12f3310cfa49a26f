#!/usr/bin/env bash
# A linker script given as an input file may name, by a relative path, a file that lies
# beside it rather than in the working directory (INPUT(a.o) in foo/b.script loads
# foo/a.o, as GNU ld and lld find it), and may define symbols outside SECTIONS:
# "bar = foo;" makes bar an alias of foo, "marker = 0x1234;" an absolute symbol, as
# --defsym would. The program calls foo through bar and prints marker's address, as
# ld.bfd's does, and the two symbols are in .symtab as in ld.bfd's output.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

mkdir -p foo
echo 'int foo(void) { return 5; }' >a.c
compile_c -O1 -o foo/a.o a.c
echo 'INPUT(a.o)' >foo/b.script
printf 'bar = foo;\nmarker = 0x1234;\n' >defs.script
cat >main.c <<'EOF2'
#include <stdio.h>
int foo(void), bar(void);
extern char marker[];
int main(void) { printf("%d %d %lx\n", foo(), bar(), (unsigned long)marker); return 0; }
EOF2
compile_c -O1 -fno-pie -o main.o main.c
dlink_both prog -no-pie main.o foo/b.script defs.script
run_both_and_compare prog
expect_stdout prog "5 5 1234"
for name in bar marker; do
  assert_eq "$(symtab prog.rivet | awk -v n=$name '$7 == n { print $1, $3, $6 == "ABS" ? "ABS" : "sec" }')" \
    "$(symtab prog.bfd | awk -v n=$name '$7 == n { print $1, $3, $6 == "ABS" ? "ABS" : "sec" }')" \
    "value, type and section kind of $name in prog.rivet's .symtab (vs ld.bfd's)"
done

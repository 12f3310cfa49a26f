#!/usr/bin/env bash
# An -rpath the run path already holds adds nothing (GNU ld): "-rpath A -rpath B
# -rpath A" gives "A:B", and "-rpath X:Y -rpath Y" gives "X:Y", while "-rpath Y:Z", not
# an entry sequence of "X:Y", is added whole. DT_RUNPATH equals ld.bfd's, and the
# program finds its library through it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

echo 'int seven(void) { return 7; }' >lib.c
cat >main.c <<'EOF2'
#include <stdio.h>
int seven(void);
int main(void) { printf("%d\n", seven()); return 0; }
EOF2
mkdir -p libs
run gcc -shared -fPIC -o libs/libseven.so lib.c
compile_c -O1 -o main.o main.c
dlink_both prog main.o -Llibs -lseven '-Wl,-rpath,$ORIGIN/libs' '-Wl,-rpath,/nonexistent/b' \
  '-Wl,-rpath,$ORIGIN/libs' '-Wl,-rpath,/x:/y' '-Wl,-rpath,/y' '-Wl,-rpath,/y:/z'
assert_eq "$(dynamic_values prog.rivet RUNPATH)" "$(dynamic_values prog.bfd RUNPATH)" "DT_RUNPATH of prog.rivet (as ld.bfd's)"
assert_eq "$(dynamic_values prog.rivet RUNPATH)" '$ORIGIN/libs:/nonexistent/b:/x:/y:/y:/z' "DT_RUNPATH of prog.rivet"
run_both_and_compare prog

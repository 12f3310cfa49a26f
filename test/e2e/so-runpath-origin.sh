#!/usr/bin/env bash
# -rpath '$ORIGIN/deps' in a library writes DT_RUNPATH "$ORIGIN/deps" (new dtags are the
# default), and the loader finds the library's dependency relative to the library's
# own directory, whatever the current directory is, with no LD_LIBRARY_PATH at all.
# The linker writes $ORIGIN literally (the loader expands it; glibc needs no -z origin).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >dep.c <<'EOF2'
int dep_value(void) { return 17; }
EOF2
cat >lib.c <<'EOF2'
int dep_value(void);
int lib_value(void) { return dep_value() * 2; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_value(void);
int main(void) { printf("%d\n", lib_value()); return 0; }
EOF2
for side in rivet bfd; do
  mkdir -p $side/deps
  so_link_$side $side/deps/libdep.so -Wl,-soname,libdep.so dep.c
  so_link_$side $side/libl.so -Wl,-soname,libl.so lib.c -L$side/deps -ldep '-Wl,-rpath,$ORIGIN/deps'
done
assert_eq "$(dynamic_values rivet/libl.so RUNPATH)" '$ORIGIN/deps' "DT_RUNPATH of rivet/libl.so"
assert_eq "$(dynamic_values rivet/libl.so RPATH)" "" "DT_RPATH of rivet/libl.so (new dtags are the default)"
compile_c -O1 -o main.o main.c
for lside in rivet bfd; do
  for eside in rivet bfd; do
    # the executable finds libl.so by its own $ORIGIN rpath; libl.so finds libdep.so
    # by its DT_RUNPATH only.
    dlink_$eside prog.$lside-$eside main.o -L$lside -ll -Wl,-rpath-link,$lside/deps '-Wl,-rpath,$ORIGIN/'$lside
  done
done
mkdir -p elsewhere
for pair in "${SO_PAIRS[@]}"; do
  st=0
  (cd elsewhere && env -u LD_LIBRARY_PATH timeout "$RUN_TIMEOUT" ../prog.$pair >../prog.$pair.stdout 2>../prog.$pair.stderr) || st=$?
  [ "$st" = 0 ] || fail "prog.$pair run from another directory: expected exit status 0, got $st; stderr:"$'\n'"$(cat prog.$pair.stderr)"
  assert_eq "$(cat prog.$pair.stdout)" 34 "stdout of prog.$pair run from another directory"
done
so_elflint_compare libl.so

#!/usr/bin/env bash
# -z origin sets DF_ORIGIN in DT_FLAGS and DF_1_ORIGIN in DT_FLAGS_1, as ld.bfd does,
# and a library with $ORIGIN in its DT_RUNPATH still finds its dependency next to it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >dep.c <<'EOF2'
int dep(void) { return 5; }
EOF2
cat >lib.c <<'EOF2'
int dep(void);
int lib(void) { return dep() + 1; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib(void);
int main(void) { printf("%d\n", lib()); return 0; }
EOF2
so_link_both libdep.so dep.c
so_link_rivet rivet/libl.so lib.c -Wl,-z,origin '-Wl,-rpath,$ORIGIN' -Lrivet -ldep
so_link_bfd bfd/libl.so lib.c -Wl,-z,origin '-Wl,-rpath,$ORIGIN' -Lbfd -ldep
assert_eq "$(dynamic_flags bfd/libl.so | sort | tr '\n' ' ')" "ORIGIN " "test setup: DT_FLAGS of bfd/libl.so"
assert_eq "$(dynamic_flags rivet/libl.so | sort | tr '\n' ' ')" "ORIGIN " "DT_FLAGS of rivet/libl.so"
assert_has_word "$(dynamic_flags_1 rivet/libl.so)" ORIGIN "DT_FLAGS_1 of rivet/libl.so"
compile_c -O1 -o main.o main.c
for lside in rivet bfd; do
  dlink_bfd prog.$lside-bfd main.o -L$lside -ll -Wl,-rpath-link,$lside
  dlink_rivet prog.$lside-rivet main.o -L$lside -ll -Wl,-rpath-link,$lside
done
# LD_LIBRARY_PATH finds libl.so only; libdep.so comes from libl.so's $ORIGIN.
mkdir -p only-l/rivet only-l/bfd
for side in rivet bfd; do cp $side/libl.so only-l/$side/; done
for pair in "${SO_PAIRS[@]}"; do
  st=0
  LD_LIBRARY_PATH=$PWD/${pair%-*} timeout "$RUN_TIMEOUT" ./prog.$pair >prog.$pair.stdout 2>prog.$pair.stderr || st=$?
  [ "$st" = 0 ] || fail "prog.$pair: expected exit status 0, got $st; stderr:"$'\n'"$(cat prog.$pair.stderr)"
  assert_eq "$(cat prog.$pair.stdout)" 6 "stdout of prog.$pair"
done
so_elflint_compare libl.so

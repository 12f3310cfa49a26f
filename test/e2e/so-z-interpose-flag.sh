#!/usr/bin/env bash
# -z interpose sets DF_1_INTERPOSE in DT_FLAGS_1 (and nothing in DT_FLAGS), and an
# LD_PRELOAD'ed interposer library built with it overrides libc's function for the
# whole program, as ld.bfd's does.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >interp.c <<'EOF2'
#include <stdlib.h>
int abs(int x) { return x < 0 ? -x + 1000 : x + 1000; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
int (*volatile fp)(int) = abs;
int main(void) { printf("%d\n", fp(-5)); return 0; }
EOF2
so_link_both libinterp.so -fno-builtin -Wl,-z,interpose interp.c
assert_has_word "$(dynamic_flags_1 rivet/libinterp.so)" INTERPOSE "DT_FLAGS_1 of rivet/libinterp.so"
assert_eq "$(dynamic_flags rivet/libinterp.so)" "$(dynamic_flags bfd/libinterp.so)" "DT_FLAGS of rivet/libinterp.so (as bfd's)"
compile_c -O1 -fno-builtin -o main.o main.c
dlink_rivet prog.rivet main.o
for side in rivet bfd; do
  out=$(LD_PRELOAD=$PWD/$side/libinterp.so timeout "$RUN_TIMEOUT" ./prog.rivet)
  assert_eq "$out" 1005 "prog.rivet with LD_PRELOAD=$side/libinterp.so"
done
assert_eq "$(timeout "$RUN_TIMEOUT" ./prog.rivet)" 5 "prog.rivet without the interposer"
so_elflint_compare libinterp.so

#!/usr/bin/env bash
# Several -rpath options on a shared object are joined with ':' in one DT_RUNPATH, in
# command-line order (as ld.bfd writes it); the loader searches each entry: the
# library's two dependencies live in two different directories, found only through the
# second and third entries.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

echo 'int one(void) { return 1; }' >one.c
echo 'int two(void) { return 2; }' >two.c
cat >lib.c <<'EOF2'
int one(void), two(void);
int both(void) { return one() * 10 + two(); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int both(void);
int main(void) { printf("%d\n", both()); return 0; }
EOF2
for side in rivet bfd; do
  mkdir -p $side/d1 $side/d2 $side/empty
  so_link_$side $side/d1/libone.so -Wl,-soname,libone.so one.c
  so_link_$side $side/d2/libtwo.so -Wl,-soname,libtwo.so two.c
  so_link_$side $side/libboth.so lib.c -L$side/d1 -L$side/d2 -lone -ltwo \
    '-Wl,-rpath,$ORIGIN/empty' '-Wl,-rpath,$ORIGIN/d1' '-Wl,-rpath,$ORIGIN/d2'
done
assert_eq "$(dynamic_values rivet/libboth.so RUNPATH)" "$(dynamic_values bfd/libboth.so RUNPATH)" "DT_RUNPATH of rivet/libboth.so (as ld.bfd's)"
assert_eq "$(dynamic_values rivet/libboth.so RUNPATH)" '$ORIGIN/empty:$ORIGIN/d1:$ORIGIN/d2' "DT_RUNPATH of rivet/libboth.so"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lboth -Wl,-rpath-link,bfd/d1:bfd/d2
so_run_matrix prog
so_expect_stdout prog 12
so_elflint_compare libboth.so

#!/usr/bin/env bash
# DT_NEEDED records a library's DT_SONAME, not the name the linker found it under: a
# library file libwidget-impl.so.3.1 with SONAME libwidget.so.3, linked once by path and
# once through -L/-lwidget (a symlink libwidget.so), must be needed as libwidget.so.3
# (the only name present at run time). A library without a SONAME is recorded by the
# name given with -l (libplain.so).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

mkdir -p build run
cat >widget.c <<'EOF2'
int widget(int x) { return x * 3; }
EOF2
cat >plain.c <<'EOF2'
int plain(int x) { return x + 100; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int widget(int), plain(int);
int main(void) { printf("%d %d\n", widget(14), plain(1)); return 0; }
EOF2
build_shlib build/libwidget-impl.so.3.1 libwidget.so.3 widget.c
ln -sf libwidget-impl.so.3.1 build/libwidget.so
run gcc -shared -fPIC -fuse-ld=bfd -o build/libplain.so plain.c
# Only the SONAME (and the plain library's name) exist where the program runs.
cp build/libwidget-impl.so.3.1 run/libwidget.so.3
cp build/libplain.so run/libplain.so
export LD_LIBRARY_PATH="$PWD/run"
compile_c -O1 -o main.o main.c

dlink_both bypath main.o build/libwidget-impl.so.3.1 -Lbuild -lplain
dlink_both byl main.o -Lbuild -lwidget -lplain
for b in bypath byl; do
  run_both_and_compare $b
  expect_stdout $b "42 101"
  needed=$(dynamic_values $b.rivet NEEDED | tr '\n' ' ')
  assert_contains " $needed" " libwidget.so.3 " "$b.rivet: DT_NEEDED list"
  assert_contains " $needed" " libplain.so " "$b.rivet: DT_NEEDED list"
  assert_not_contains "$needed" "impl" "$b.rivet: DT_NEEDED list"
  assert_not_contains "$needed" "build/" "$b.rivet: DT_NEEDED list"
  assert_eq "$needed" "$(dynamic_values $b.bfd NEEDED | tr '\n' ' ')" "$b.rivet: DT_NEEDED list (in order, as ld.bfd's)"
  elflint_compare $b
done

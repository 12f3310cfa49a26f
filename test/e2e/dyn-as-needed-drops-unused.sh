#!/usr/bin/env bash
# --as-needed: a library that satisfies no reference from the executable gets no
# DT_NEEDED, so the program starts even when that library is missing at run time. The
# same link with --no-as-needed records it (and the program then needs it). Checked
# with the unused library on each side of the used one and in each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

mkdir -p build run
cat >used.c <<'EOF2'
int used_fn(int x) { return x + 1; }
EOF2
cat >unused.c <<'EOF2'
int unused_fn(int x) { return x - 1; }
int unused_var = 3;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int used_fn(int);
int main(void) { printf("used %d\n", used_fn(1)); return 0; }
EOF2
build_shlib build/libused.so libused.so used.c
build_shlib build/libunused.so libunused.so unused.c
cp build/libused.so run/
export LD_LIBRARY_PATH="$PWD/run"   # libunused.so is not there
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both before-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -Lbuild -Wl,--as-needed -lunused -lused
  dlink_both after-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -Lbuild -Wl,--as-needed -lused -lunused
  for b in before-$mode after-$mode; do
    needed=$(dynamic_values "$b".rivet NEEDED | tr '\n' ' ')
    assert_not_contains "$needed" libunused.so "$b.rivet: DT_NEEDED with --as-needed"
    assert_contains "$needed" libused.so "$b.rivet: DT_NEEDED with --as-needed"
    run_both_and_compare "$b"
    expect_stdout "$b" "used 2"
  done
  dlink_rivet all-"$mode".rivet "${MODE_LDFLAGS[@]}" main-"$mode".o -Lbuild -Wl,--no-as-needed -lunused -lused
  needed=$(dynamic_values all-"$mode".rivet NEEDED | tr '\n' ' ')
  assert_contains "$needed" libunused.so "all-$mode.rivet: DT_NEEDED with --no-as-needed"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare before-"$mode"; elflint_compare after-"$mode"; done

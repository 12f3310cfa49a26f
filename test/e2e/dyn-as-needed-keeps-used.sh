#!/usr/bin/env bash
# --as-needed keeps every library that satisfies a reference from a regular object:
# one used for a function call only, one used for a variable only (a COPY relocation in
# -fno-pic -no-pie code, a GOT/COPY reference otherwise), one used only for taking a
# function's address. All three keep their DT_NEEDED, in command-line order, and the
# program runs. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >call.c <<'EOF2'
int call_fn(int x) { return x * 3; }
EOF2
cat >data.c <<'EOF2'
int data_var = 40;
EOF2
cat >addr.c <<'EOF2'
int addr_fn(int x) { return x + 2; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int call_fn(int), addr_fn(int);
extern int data_var;
int (*volatile fp)(int);
int main(void) {
  fp = addr_fn;
  printf("%d %d %d\n", call_fn(2), data_var, fp(1));
  return 0;
}
EOF2
for l in call data addr; do build_shlib lib$l.so lib$l.so $l.c; done
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -Wl,--as-needed -lcall -ldata -laddr
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "6 40 3"
  needed=$(dynamic_values prog-"$mode".rivet NEEDED | grep -E '^lib(call|data|addr)\.so$' | tr '\n' ' ' || true)
  assert_eq "$needed" "libcall.so libdata.so libaddr.so " "prog-$mode.rivet: DT_NEEDED entries for the used libraries, in order"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

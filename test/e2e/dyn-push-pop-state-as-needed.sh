#!/usr/bin/env bash
# --push-state/--pop-state scope --as-needed to the libraries between them: an unused
# library inside "--push-state --as-needed ... --pop-state" is dropped, while an
# unused library after --pop-state is recorded again (the saved --no-as-needed state
# is restored). --push-state also saves -Bstatic/-Bdynamic: a -Bstatic inside the
# group must not leak out to the -l after it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >a.c <<'EOF2'
int a_fn(void) { return 1; }
EOF2
cat >b.c <<'EOF2'
int b_fn(void) { return 2; }
EOF2
cat >used.c <<'EOF2'
int used_fn(void) { return 40; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int used_fn(void);
int main(void) { printf("%d\n", used_fn()); return 0; }
EOF2
for l in a b used; do build_shlib lib$l.so lib$l.so $l.c; done
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -o main.o main.c
dlink_both prog main.o -L. -Wl,--no-as-needed -Wl,--push-state,--as-needed,-Bstatic,-Bdynamic -la -Wl,-Bstatic -Wl,--pop-state -lb -lused
run_both_and_compare prog
expect_stdout prog "40"
needed=$(dynamic_values prog.rivet NEEDED | tr '\n' ' ')
assert_not_contains "$needed" "liba.so" "prog.rivet: DT_NEEDED (liba.so is unused and inside --push-state --as-needed)"
assert_contains "$needed" "libb.so" "prog.rivet: DT_NEEDED (libb.so comes after --pop-state, which restores --no-as-needed)"
assert_contains "$needed" "libused.so" "prog.rivet: DT_NEEDED"
elflint_compare prog

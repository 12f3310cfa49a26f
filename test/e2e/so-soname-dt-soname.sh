#!/usr/bin/env bash
# -soname NAME writes DT_SONAME NAME, and an executable linked against the file
# (whatever the file is called) records NAME, not the file name, in DT_NEEDED -- with
# ld.bfd and with rivet linking the executable. Without -soname there is no DT_SONAME.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int answer(void) { return 42; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int answer(void);
int main(void) { printf("%d\n", answer()); return 0; }
EOF2
so_link_both libanswer.so.3.1 -Wl,-soname,libanswer.so.3 lib.c
so_link_rivet rivet/nosoname.so lib.c
for side in rivet bfd; do
  ln -sf libanswer.so.3.1 $side/libanswer.so
  ln -sf libanswer.so.3.1 $side/libanswer.so.3
done
assert_eq "$(dynamic_values rivet/libanswer.so.3.1 SONAME)" libanswer.so.3 "DT_SONAME of rivet/libanswer.so.3.1"
assert_eq "$(dynamic_values rivet/nosoname.so SONAME)" "" "DT_SONAME of rivet/nosoname.so (linked without -soname)"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lanswer
so_run_matrix prog
so_expect_stdout prog 42
for pair in "${SO_PAIRS[@]}"; do
  assert_eq "$(dynamic_values prog.$pair NEEDED | grep answer || true)" libanswer.so.3 "DT_NEEDED of prog.$pair for the library"
done
so_elflint_compare libanswer.so.3.1

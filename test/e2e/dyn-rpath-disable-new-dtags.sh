#!/usr/bin/env bash
# -rpath with --disable-new-dtags gives the old DT_RPATH (searched before
# LD_LIBRARY_PATH) and no DT_RUNPATH; the program finds its library through it. Giving
# --enable-new-dtags afterwards switches back to DT_RUNPATH.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

mkdir -p libs decoy
cat >lib.c <<'EOF2'
const char *where(void) { return "found via rpath"; }
EOF2
cat >decoy.c <<'EOF2'
const char *where(void) { return "found via LD_LIBRARY_PATH"; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
const char *where(void);
int main(void) { puts(where()); return 0; }
EOF2
build_shlib libs/libwhere.so libwhere.so lib.c
build_shlib decoy/libwhere.so libwhere.so decoy.c
compile_c -O1 -o main.o main.c
# DT_RPATH is searched before LD_LIBRARY_PATH, DT_RUNPATH after it.
export LD_LIBRARY_PATH="$PWD/decoy"
# shellcheck disable=SC2016
dlink_both prog main.o -Llibs -lwhere -Wl,--disable-new-dtags -Wl,-rpath,'$ORIGIN/libs'
run_both_and_compare prog
expect_stdout prog "found via rpath"
# shellcheck disable=SC2016
assert_eq "$(dynamic_values prog.rivet RPATH)" '$ORIGIN/libs' "DT_RPATH of prog.rivet"
! has_dynamic_tag prog.rivet RUNPATH || fail "expected no DT_RUNPATH with --disable-new-dtags, got '$(dynamic_values prog.rivet RUNPATH)'"

# shellcheck disable=SC2016
dlink_both newtags main.o -Llibs -lwhere -Wl,--disable-new-dtags -Wl,--enable-new-dtags -Wl,-rpath,'$ORIGIN/libs'
run_both_and_compare newtags
expect_stdout newtags "found via LD_LIBRARY_PATH"
has_dynamic_tag newtags.rivet RUNPATH || fail "expected DT_RUNPATH after --enable-new-dtags, got: $(dynamic_tags newtags.rivet | tr '\n' ';')"
! has_dynamic_tag newtags.rivet RPATH || fail "expected no DT_RPATH after --enable-new-dtags"
elflint_compare prog

#!/usr/bin/env bash
# -rpath gives DT_RUNPATH (ld's default --enable-new-dtags) with the string verbatim,
# '$ORIGIN' unexpanded, and no DT_RPATH; the loader then finds the library next to the
# program with no LD_LIBRARY_PATH. Without -rpath the same program must fail to start.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

mkdir -p libs
cat >lib.c <<'EOF2'
const char *where(void) { return "found via runpath"; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
const char *where(void);
int main(void) { puts(where()); return 0; }
EOF2
build_shlib libs/libwhere.so libwhere.so lib.c
compile_c -O1 -o main.o main.c
unset LD_LIBRARY_PATH
# shellcheck disable=SC2016 # $ORIGIN is for the loader, not the shell
dlink_both prog main.o -Llibs -lwhere -Wl,-rpath,'$ORIGIN/libs:/nonexistent/rivet'
run_both_and_compare prog
expect_stdout prog "found via runpath"
expect_status prog 0

# shellcheck disable=SC2016
assert_eq "$(dynamic_values prog.rivet RUNPATH)" '$ORIGIN/libs:/nonexistent/rivet' "DT_RUNPATH of prog.rivet"
! has_dynamic_tag prog.rivet RPATH || fail "expected no DT_RPATH with the default new dtags, got '$(dynamic_values prog.rivet RPATH)'"

dlink_rivet norpath.rivet main.o -Llibs -lwhere
! has_dynamic_tag norpath.rivet RUNPATH || fail "expected no DT_RUNPATH without -rpath, got '$(dynamic_values norpath.rivet RUNPATH)'"
status=0
./norpath.rivet >/dev/null 2>norpath.stderr || status=$?
[ "$status" != 0 ] || fail "expected the program linked without -rpath to fail to find libwhere.so, but it ran"
elflint_compare prog

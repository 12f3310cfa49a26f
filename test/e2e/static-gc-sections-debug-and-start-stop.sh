#!/usr/bin/env bash
# --gc-sections as GNU ld and lld collect: debug information does not keep the code
# it describes (a -g build drops unused functions as a build without -g does), a
# reference to __start_SEC keeps every SEC only when the referencing code is live, and
# --gc-keep-exported keeps every default-visibility global. Each set of surviving
# functions and sections is compared with ld.bfd's, the programs run, and the DWARF of
# the collected output still reads cleanly.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >gc.c <<'EOF2'
#include <stdio.h>
__attribute__((section("dead_set"), used)) static int dead_item = 1;
__attribute__((section("live_set"), used)) static int live_item = 2;
extern int __start_dead_set[], __start_live_set[];
int unused_function(void) { return __start_dead_set[0]; }
int exported_but_unused(void) { return 7; }
static int used_helper(int x) { return x + __start_live_set[0]; }
int main(void) { printf("%d\n", used_helper(40)); return 0; }
EOF2
for g in "" -g; do
  compile_c -O1 $g -ffunction-sections -fdata-sections -o "gc$g.o" gc.c
  for keep in "" ,--gc-keep-exported; do
    base="gc$g${keep//[,-]/_}"
    link_both "$base" "gc$g.o" -Wl,--gc-sections$keep
    run_both_and_compare "$base"
    expect_stdout "$base" 42
    for side in rivet bfd; do
      { nm "$base.$side" | awk '{print $NF}' | grep -E '^(unused_function|exported_but_unused|used_helper)$' || true
        readelf -SW "$base.$side" | grep -oE '(dead|live)_set' || true; } | sort >"$base.$side.kept"
    done
    assert_eq "$(cat "$base.rivet.kept")" "$(cat "$base.bfd.kept")" "functions and sections kept by --gc-sections$keep ${g:+with -g} (as ld.bfd)"
  done
done
assert_eq "$(tr '\n' ' ' <gc.rivet.kept)" "live_set " "what survives --gc-sections (no -g)"
assert_eq "$(tr '\n' ' ' <gc-g.rivet.kept)" "live_set " "what survives --gc-sections with -g"
assert_contains "$(cat gc-g___gc_keep_exported.rivet.kept)" exported_but_unused "--gc-keep-exported keeps a global function"
# The collected function's DWARF reads without complaint.
out=$(readelf --debug-dump=info,line gc-g.rivet 2>&1 >/dev/null || true)
assert_eq "$out" "" "readelf's complaints about the DWARF of gc-g.rivet"

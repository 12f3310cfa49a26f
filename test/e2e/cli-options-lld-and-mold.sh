#!/usr/bin/env bash
# Options lld and mold users pass: --warn-backrefs (a member pulled by a file after its
# archive, which GNU ld would refuse, is named; not inside one --start-group, not when
# --warn-backrefs-exclude matches the archive), --time-trace (a Chrome trace of the
# passes, JSON that python reads), --error-limit=N (N errors, then lld's line),
# --thread-count=N (as --threads), --spare-program-headers=N (N PT_NULL entries),
# --start-lib/--end-lib (lazily read objects, as ld.lld); and
# an unknown option's error names the nearest known one.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar python3

cat >lib.c <<'EOF2'
int from_archive(void) { return 41; }
EOF2
cat >user.c <<'EOF2'
int from_archive(void);
int use_archive(void) { return from_archive() + 1; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int use_archive(void);
int main(void) { printf("%d\n", use_archive()); return 0; }
EOF2
for f in lib user main; do compile_c -o "$f.o" "$f.c"; done
run ar rcs libback.a lib.o
link() { gcc -B"$RIVET_LIBEXEC/" -o "$@" 2>&1; }
out=$(link back main.o libback.a user.o -Wl,--warn-backrefs)
assert_contains "$out" "backward reference detected: from_archive in user.o refers to libback.a(lib.o)" "--warn-backrefs"
assert_eq "$(./back)" 42 "the program linked with a backward reference"
status=0
gcc -fuse-ld=bfd -o back.bfd main.o libback.a user.o >/dev/null 2>&1 || status=$?
[ "$status" != 0 ] || fail "ld.bfd linked main.o libback.a user.o: the case is not a backward reference"
assert_eq "$(link ok main.o user.o libback.a -Wl,--warn-backrefs)" "" "--warn-backrefs with the archive last"
assert_eq "$(link grp main.o -Wl,--start-group libback.a user.o -Wl,--end-group,--warn-backrefs)" "" "--warn-backrefs inside one group"
assert_eq "$(link exc main.o libback.a user.o -Wl,--warn-backrefs,--warn-backrefs-exclude='*back.a')" "" "--warn-backrefs-exclude"

link traced main.o user.o libback.a -Wl,--time-trace=trace.json
python3 - trace.json <<'PYEOF'
import json, sys
events = json.load(open(sys.argv[1]))["traceEvents"]
names = {e["name"] for e in events}
for want in ("read_inputs", "write_chunks", "Total link"):
    if want not in names:
        sys.exit(f"FAIL: expected a '{want}' event in the trace, got {sorted(names)}")
if any(e["ph"] != "X" or e["dur"] < 0 for e in events):
    sys.exit("FAIL: every event must be a complete event with a duration")
PYEOF
link traced2 main.o user.o libback.a -Wl,--time-trace
[ -s traced2.time.json ] || fail "expected --time-trace to write traced2.time.json"

cat >undefs.c <<'EOF2'
int a1(void), a2(void), a3(void), a4(void);
int main(void) { return a1() + a2() + a3() + a4(); }
EOF2
compile_c -o undefs.o undefs.c
out=$(link undefs undefs.o -Wl,--error-limit=2 || true)
assert_eq "$(grep -c 'undefined reference' <<<"$out")" 2 "errors printed with --error-limit=2"
assert_contains "$out" "too many errors emitted, stopping now" "--error-limit=2"
assert_eq "$(link undefs undefs.o -Wl,--error-limit=0 | grep -c 'undefined reference' || true)" 4 "errors printed with --error-limit=0"

link tc main.o user.o libback.a -Wl,--thread-count=1
link tc2 main.o user.o libback.a -Wl,--threads=1
cmp tc tc2 || fail "--thread-count=1 and --threads=1 gave different outputs"
link spare main.o user.o libback.a -Wl,--spare-program-headers=2
assert_eq "$(readelf -lW spare | grep -c ' NULL ')" 2 "PT_NULL entries with --spare-program-headers=2"
assert_eq "$(./spare)" 42 "the program with spare program headers"

out=$("$LD_RIVET" --gc-section main.o 2>&1 || true)
assert_contains "$out" "unknown option: --gc-section (did you mean --gc-sections?)" "the error for --gc-section"

# -z keep-text-section-prefix: hot, cold and startup code in output sections of their
# own, the same ones ld.lld makes.
cat >kinds.c <<'EOF2'
__attribute__((hot, noinline)) int hot_fn(void) { return 1; }
__attribute__((cold, noinline)) int cold_fn(void) { return 2; }
int main(void) { return hot_fn() + cold_fn() - 3; }
EOF2
compile_c -O2 -ffunction-sections -o kinds.o kinds.c
text_sections() { readelf -SW "$1" | grep -oE ' \.text[.a-z]*' | sort | tr '\n' ' '; }
link kept kinds.o -Wl,-z,keep-text-section-prefix
./kept || fail "the program linked with -z keep-text-section-prefix failed"
if command -v ld.lld >/dev/null; then
  gcc -fuse-ld=lld -o kept.lld kinds.o -Wl,-z,keep-text-section-prefix
  assert_eq "$(text_sections kept)" "$(text_sections kept.lld)" "code sections with -z keep-text-section-prefix (as ld.lld)"
fi
assert_contains "$(text_sections kept)" ".text.unlikely" "code sections with -z keep-text-section-prefix"
link merged kinds.o
assert_eq "$(text_sections merged)" " .text " "code sections without the option"

# --shuffle-sections: -1 reverses the matching sections as ld.lld does; a seed gives the
# same order every time, and the program still runs.
cat >order.c <<'EOF2'
int zeta(void) { return 1; }
int alpha(void) { return 2; }
int mid(void) { return 3; }
int main(void) { return zeta() + alpha() + mid() - 6; }
EOF2
compile_c -O1 -ffunction-sections -o order.o order.c
fn_order() { nm -n "$1" | awk '$3 ~ /^(zeta|alpha|mid|main)$/ { printf "%s ", $3 }'; }
link reversed order.o -Wl,--shuffle-sections='.text*=-1'
./reversed || fail "the program with reversed sections failed"
assert_eq "$(fn_order reversed)" "main mid alpha zeta " "function order with --shuffle-sections='.text*=-1'"
if command -v ld.lld >/dev/null; then
  gcc -fuse-ld=lld -o reversed.lld order.o -Wl,--shuffle-sections='.text*=-1'
  assert_eq "$(fn_order reversed)" "$(fn_order reversed.lld)" "reversed order (as ld.lld)"
fi
link shuffled1 order.o -Wl,--shuffle-sections=5
link shuffled2 order.o -Wl,--shuffle-sections=5
cmp shuffled1 shuffled2 || fail "two links with --shuffle-sections=5 differ"
./shuffled1 || fail "the shuffled program failed"

# --undefined-glob: every archive member defining a matching name is extracted.
cat >pa.c <<'EOF2'
int plugin_a(void) { return 1; }
EOF2
cat >pb.c <<'EOF2'
int plugin_b(void) { return 2; }
EOF2
cat >po.c <<'EOF2'
int other_thing(void) { return 3; }
EOF2
for f in pa pb po; do compile_c -o "$f.o" "$f.c"; done
run ar rcs libplug.a pa.o pb.o po.o
printf 'int main(void) { return 0; }\n' >plain.c
compile_c -o plain.o plain.c
link globbed plain.o libplug.a -Wl,--undefined-glob='plugin_*'
assert_eq "$(nm globbed | awk '$3 ~ /^(plugin_a|plugin_b|other_thing)$/ { print $3 }' | sort | tr '\n' ' ')" "plugin_a plugin_b " "members extracted by --undefined-glob='plugin_*'"

# --start-lib/--end-lib: the objects between are read as archive members, extracted
# only for a reference (an unreferenced one's constructor never runs), and
# --why-extract names them by their own paths, as ld.lld does.
cat >lazy-used.c <<'EOF2'
int lazily_used(void) { return 40; }
EOF2
cat >lazy-unused.c <<'EOF2'
#include <stdio.h>
__attribute__((constructor)) static void announce(void) { puts("unused lazy object linked"); }
int lazily_unused(void) { return 1; }
EOF2
cat >lazy-main.c <<'EOF2'
#include <stdio.h>
int lazily_used(void);
int main(void) { printf("%d\n", lazily_used() + 2); return 0; }
EOF2
for f in lazy-used lazy-unused lazy-main; do compile_c -o "$f.o" "$f.c"; done
why=$(link lazy lazy-main.o -Wl,--start-lib lazy-used.o lazy-unused.o -Wl,--end-lib,--why-extract=-)
assert_eq "$(./lazy)" 42 "output of the program with --start-lib objects"
assert_eq "$(nm lazy | grep -c lazily_unused || true)" 0 "symbols of the unreferenced --start-lib object"
assert_contains "$why" "lazy-main.o"$'\t'"lazy-used.o"$'\t'"lazily_used" "--why-extract of a --start-lib object"
if command -v ld.lld >/dev/null; then
  why_lld=$(gcc -fuse-ld=lld -o lazy.lld lazy-main.o -Wl,--start-lib lazy-used.o lazy-unused.o -Wl,--end-lib,--why-extract=-)
  assert_eq "$why" "$why_lld" "--why-extract with --start-lib (as ld.lld)"
  assert_eq "$(./lazy.lld)" "$(./lazy)" "output (as ld.lld's program)"
fi
link eager lazy-main.o lazy-used.o lazy-unused.o >eager.out
assert_eq "$(./eager)" $'unused lazy object linked\n42' "the same objects outside --start-lib are all linked"
expect_link_error stray "stray --end-lib" -- gcc -B"$RIVET_LIBEXEC/" -o stray lazy-main.o -Wl,--end-lib
expect_link_error nested "nested --start-lib" -- gcc -B"$RIVET_LIBEXEC/" -o nested lazy-main.o -Wl,--start-lib,--start-lib lazy-used.o -Wl,--end-lib

#!/usr/bin/env bash
# --gdb-index writes a version 7 .gdb_index (gdb manual, "Index Section Format") whose
# CU list, address area and symbol table are ld.lld's for the same inputs: gcc's DWARF 5
# and DWARF 4 (low_pc/high_pc units, .debug_rnglists and .debug_ranges lists), g++'s,
# and clang's (.debug_addr indices, DW_FORM_rnglistx). The names come from
# -ggnu-pubnames tables, which the output then drops; gdb reads the index and debugs
# the program with it. No index under -S or without DWARF; malformed name tables are
# warnings, as lld's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ld.lld gdb clang clang++ nm dd

cat >gi_main.c <<'EOF'
#include <stdio.h>
struct gi_point { int x, y; };
typedef struct gi_point gi_point_t;
int gi_counter = 3;
static int gi_hidden = 4;
int gi_add(int a, int b);
int gi_scale(int v);
static int gi_twice(int v) { return 2 * v; }
int main(void) {
  gi_point_t p = {1, 2};
  printf("%d\n", gi_add(p.x, gi_twice(p.y)) + gi_scale(gi_hidden) + gi_counter);
  return 0;
}
EOF
cat >gi_add.c <<'EOF'
enum gi_color { GI_RED, GI_GREEN };
int gi_global_b = 7;
int gi_add(int a, int b) { enum gi_color c = GI_GREEN; return a + b + c; }
static int gi_helper(int v) { return v + 1; }
int gi_other(void) { return gi_helper(gi_global_b); }
EOF
cat >gi_scale.c <<'EOF'
int gi_scale(int v) { return v * 10; }
__attribute__((noinline)) int gi_unused(int v) { return v - 1; }
EOF
cat >gi_cxx.cc <<'EOF'
#include <cstdio>
namespace gi { struct Widget { int v; int get() const { return v; } }; int free_fn(int x) { return x + 1; } }
int over(int x) { return x; }
int over(double x) { return (int)x; }
template <typename T> T gi_twice(T v) { return v + v; }
int main() { gi::Widget w{3}; std::printf("%d\n", gi::free_fn(w.get()) + gi_twice(2) + over(1.5) + over(2)); }
EOF

# gdb_index_summary EXE: the index as readelf shows it, with each address range as
# FUNCTION+OFFSET and its length (so two layouts compare) and the symbols sorted with
# their CU vectors (slot numbers depend on the order names are inserted).
gdb_index_summary() {
  local exe=$1
  nm -n --defined-only "$exe" | awk '$2 ~ /^[TtWw]$/ {print $1, $3}' >"$exe.funcs"
  readelf --debug-dump=gdb_index "$exe" | awk -v funcs="$exe.funcs" '
    function hex(s,   i, v) {
      v = 0; s = tolower(s); sub(/^0x/, "", s)
      for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
      return v
    }
    function where(a,   i, best) {
      best = 0
      for (i = 1; i <= n; i++) if (addr[i] <= a) best = i
      return best ? sprintf("%s+%d", name[best], a - addr[best]) : sprintf("%d", a)
    }
    BEGIN { while ((getline l < funcs) > 0) { split(l, f, " "); n++; addr[n] = hex(f[1]); name[n] = f[2] } }
    /^Version/ { print; next }
    /^CU table:/ { part = "cu"; next }
    /^TU table:/ { part = "tu"; next }
    /^Address table:/ { part = "area"; next }
    /^Symbol table:/ { part = "sym"; next }
    part == "cu" && NF { print "cu", $0 }
    part == "tu" && NF { print "tu", $0 }
    part == "area" && NF == 3 { print "area", where(hex($1)), hex($2) - hex($1), "cu", $3 }
    part == "sym" && /^\[/ { if (cur != "") seen[cur] = 1; sub(/^\[ *[0-9]+\] /, ""); cur = $0; next }
    part == "sym" && /^\t/ { sub(/^\t/, ""); cur = cur " | " $0; next }
    END { if (cur != "") seen[cur] = 1; for (s in seen) print "sym", s | "sort" }'
}

# expect_gdb_finds_names EXE: every name of the index is found where gdb looks for it:
# the probe from its hash (r = r * 67 + tolower(c) - 113, mod 2^32) by steps of
# ((hash * 17) & mask) | 1 reaches its slot before an empty one.
expect_gdb_finds_names() {
  local exe=$1 off words
  off=$((16#$(section_field "$exe" .gdb_index off)))
  words=$(od -An -tu4 -j "$off" -N 24 "$exe")
  readelf --debug-dump=gdb_index "$exe" | awk -v words="$words" '
    BEGIN {
      split(words, w, " "); mask = (w[6] - w[5]) / 8 - 1
      for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i
    }
    function and_mask(v) { return v % (mask + 1) }
    function gdb_hash(s,   i, h) {
      h = 0
      for (i = 1; i <= length(s); i++) h = (h * 67 + ord[tolower(substr(s, i, 1))] - 113 + 4294967296) % 4294967296
      return h
    }
    /^Symbol table:/ { sym = 1; next }
    sym && /^\[/ { slot = $0; sub(/^\[ */, "", slot); sub(/\].*/, "", slot); name = $0; sub(/^\[ *[0-9]+\] /, "", name); sub(/:.*/, "", name)
      used[slot + 0] = 1; names[slot + 0] = name; n++ }
    END {
      for (s in names) {
        h = gdb_hash(names[s]); i = and_mask(h); step = and_mask(h * 17 % 4294967296); if (step % 2 == 0) step++
        while (i != s && used[i]) i = and_mask(i + step)
        if (i != s) { print "not found by its hash: " names[s]; bad = 1 }
      }
      if (!n) print "no names"
      exit bad
    }' || fail "expected gdb's lookup to find every name of $exe's index"
}

# compare_with_lld BASE DRIVER ARGS...: links BASE.lld and BASE.rivet with --gdb-index
# and compares their indexes; leaves the summary in BASE.sum.
compare_with_lld() {
  local base=$1 driver=$2
  shift 2
  run "$driver" -fuse-ld=lld -Wl,--gdb-index -o "$base.lld" "$@"
  run "$driver" -B"$RIVET_LIBEXEC/" -Wl,--gdb-index -o "$base.rivet" "$@" 2>"$base.err" ||
    fail "rivet failed to link $base with --gdb-index: $(cat "$base.err")"
  gdb_index_summary "$base.lld" >"$base.lld.sum"
  gdb_index_summary "$base.rivet" >"$base.sum"
  diff -u "$base.lld.sum" "$base.sum" >"$base.diff" ||
    fail "expected rivet's .gdb_index for $base to be ld.lld's (- lld, + rivet):"$'\n'"$(head -40 "$base.diff")"
  assert_eq "$(sed -n 1p "$base.sum")" "Version 7" "$base: the index version readelf reads"
  for sec in .debug_gnu_pubnames .debug_gnu_pubtypes; do
    ! has_section "$base.rivet" "$sec" || fail "expected $base.rivet to drop $sec (lld does, the index replaces it); it kept it"
  done
}

# expect_nonempty BASE CUS: the index has CUS units, address ranges and named symbols.
expect_nonempty() {
  local base=$1 cus=$2
  assert_eq "$(grep -c '^cu ' "$base.sum")" "$cus" "$base: units in the CU list"
  grep -q '^area ' "$base.sum" || fail "expected address ranges in $base's index, found none"
  grep -q '^sym gi_add: [0-9]* \[global, function\]' "$base.sum" ||
    grep -q '^sym gi::free_fn' "$base.sum" ||
    fail "expected the program's functions in $base's symbol table, got:"$'\n'"$(grep '^sym' "$base.sum" | head)"
}

C_SOURCES="gi_main.c gi_add.c gi_scale.c"
# build TAG COMPILER FLAGS...: objects TAG_*.o from the C sources.
build() {
  local tag=$1 cc=$2 src
  shift 2
  for src in $C_SOURCES; do
    run "$cc" -c "$@" -o "${tag}_${src%.c}.o" "$src"
  done
}
objs() { local src; for src in $C_SOURCES; do printf '%s_%s.o ' "$1" "${src%.c}"; done; }

# gcc 12: DWARF 5 by default; -O0 units have low_pc/high_pc, -ffunction-sections ones a
# range list (.debug_rnglists in DWARF 5, .debug_ranges in DWARF 4).
build g5 gcc -g -ggnu-pubnames -O0
build g5fs gcc -g -ggnu-pubnames -O2 -ffunction-sections
build g4fs gcc -gdwarf-4 -ggnu-pubnames -O2 -ffunction-sections
# shellcheck disable=SC2046
{
  compare_with_lld g5 gcc $(objs g5)
  compare_with_lld g5fs gcc $(objs g5fs)
  compare_with_lld g4fs gcc $(objs g4fs)
}
expect_nonempty g5 3
expect_gdb_finds_names g5.rivet
expect_gdb_finds_names g5.lld # the check itself, on lld's index
expect_nonempty g5fs 3
expect_nonempty g4fs 3
# The attributes: kind and static bit, and the unit of each name.
for want in "gi_counter: 0 [global, variable]" "gi_hidden: 0 [static, variable]" \
  "gi_twice: 0 [static, function]" "gi_point_t: 0 [static, type]" "GI_GREEN: 1 [static, variable]" \
  "gi_helper: 1 [static, function]" "gi_scale: 2 [global, function]" \
  "int: | 0 [static, type] | 1 [static, type] | 2 [static, type]"; do
  grep -qxF "sym $want" g5.sum || fail "expected '$want' in rivet's symbol table, got:"$'\n'"$(grep '^sym' g5.sum)"
done
grep -q '^area gi_scale+0 [1-9][0-9]* cu 2$' g5.sum ||
  fail "expected an address range at gi_scale for unit 2, got:"$'\n'"$(grep '^area' g5.sum)"

# g++: C++ names, overloads listed once per definition.
run g++ -c -g -ggnu-pubnames -o gxx.o gi_cxx.cc
compare_with_lld gxx g++ gxx.o
expect_nonempty gxx 1
grep -qxF "sym over: | 0 [global, function] | 0 [global, function]" gxx.sum ||
  fail "expected the two overloads of 'over' in one CU vector, got: $(grep 'sym over' gxx.sum)"

# clang 14: DWARF 5 with .debug_addr indices and DW_FORM_rnglistx, and DWARF 4.
build c5fs clang -g -ggnu-pubnames -O2 -ffunction-sections
build c4 clang -gdwarf-4 -ggnu-pubnames -O1
# shellcheck disable=SC2046
{
  compare_with_lld c5fs clang $(objs c5fs)
  compare_with_lld c4 clang $(objs c4)
}
expect_nonempty c5fs 3
expect_nonempty c4 3
run clang++ -c -g -ggnu-pubnames -O1 -o clxx.o gi_cxx.cc
compare_with_lld clxx clang++ clxx.o
expect_nonempty clxx 1

# Without -ggnu-pubnames: the units and their ranges, an empty symbol table (lld).
build nopub gcc -g -O0
# shellcheck disable=SC2046
compare_with_lld nopub gcc $(objs nopub)
assert_eq "$(grep -c '^cu ' nopub.sum)" 3 "nopub: units in the CU list"
assert_eq "$(grep -c '^sym ' nopub.sum || true)" 0 "nopub: symbols without name tables"
assert_eq "$(section_field nopub.rivet .gdb_index size)" "$(section_field nopub.lld .gdb_index size)" \
  "nopub: .gdb_index size (1024 empty slots)"

# --gdb-index with -S, or with no DWARF at all: no section (lld); without the option,
# no index and the name tables are kept.
# shellcheck disable=SC2046
run gcc -B"$RIVET_LIBEXEC/" -Wl,--gdb-index -Wl,-S -o strip.rivet $(objs g5)
! has_section strip.rivet .gdb_index || fail "expected no .gdb_index with -S (lld writes none), found one"
build nodebug gcc -O2
# shellcheck disable=SC2046
run gcc -B"$RIVET_LIBEXEC/" -Wl,--gdb-index -o nodebug.rivet $(objs nodebug)
! has_section nodebug.rivet .gdb_index || fail "expected no .gdb_index without DWARF inputs, found one"
# shellcheck disable=SC2046
run gcc -B"$RIVET_LIBEXEC/" -o plain.rivet $(objs g5)
! has_section plain.rivet .gdb_index || fail "expected no .gdb_index without --gdb-index, found one"
has_section plain.rivet .debug_gnu_pubnames ||
  fail "expected .debug_gnu_pubnames kept without --gdb-index, found: $(section_names plain.rivet | tr '\n' ' ')"

# gdb reads the index (it says "Cooked index in use" when it indexes the DWARF itself)
# and debugs the program with it.
for exe in g5.rivet g4fs.rivet c5fs.rivet gxx.rivet; do
  out=$(timeout 60 gdb -nx -batch -ex 'maint print objfiles' "$exe" 2>&1 | grep -v '^ *$' | head -20)
  assert_contains "$out" ".gdb_index: version 7" "$exe: gdb's 'maint print objfiles' (the index in use)"
  assert_not_contains "$out" "arning" "$exe: gdb's messages on reading the index"
done
can_gdb=0
case "$(timeout 60 gdb -nx -batch -ex 'break gi_add' -ex run -ex bt g5.lld 2>&1 || true)" in
  *"#0 "*"gi_add ("*"main ("*) can_gdb=1 ;;
  *) note "gdb cannot run programs here (checked on ld.lld's output): the run check is left out" ;;
esac
if [ "$can_gdb" = 1 ]; then
  for exe in g5.rivet c5fs.rivet; do
    bt=$(timeout 60 gdb -nx -batch -ex 'break gi_add' -ex run -ex bt "$exe" 2>&1 || true)
    assert_contains "$bt" "Breakpoint 1, gi_add (a=" "$exe: gdb's stop at the breakpoint on gi_add"
    assert_contains "$bt" ") at gi_add.c:3" "$exe: gdb's source line for gi_add"
    assert_contains "$bt" "main () at gi_main.c:11" "$exe: gdb's backtrace from gi_add"
  done
  bt=$(timeout 60 gdb -nx -batch -ex 'break gi::free_fn' -ex run -ex bt gxx.rivet 2>&1 || true)
  assert_contains "$bt" "gi::free_fn (x=3) at gi_cxx.cc:2" "gxx.rivet: gdb's stop at gi::free_fn"
  assert_contains "$bt" "main () at gi_cxx.cc:" "gxx.rivet: gdb's backtrace from gi::free_fn"
fi

# Malformed name tables: lld warns, keeps the names read before the fault, and links.
# poke FILE OFFSET BYTES: overwrite bytes (printf escapes) in place.
poke() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }
pubnames_off=$((16#$(section_field g5_gi_add.o .debug_gnu_pubnames off)))
cp g5_gi_add.o bad_len_add.o
poke bad_len_add.o "$pubnames_off" '\x00\x10\x00\x00' # unit_length far past the section's end
compare_with_lld bad_len gcc g5_gi_main.o bad_len_add.o g5_gi_scale.o
assert_contains "$(cat bad_len.err)" "ld.rivet: warning: bad_len_add.o:(.debug_gnu_pubnames): " \
  "rivet's warning for a name table whose length runs past its section"
grep -q '^sym gi_add: 1 \[global, function\]' bad_len.sum ||
  fail "expected the names of the overlong table kept (as lld), got:"$'\n'"$(grep '^sym' bad_len.sum)"
# The last name loses its NUL and the table its terminator: that name is lost.
size=$((16#$(section_field g5_gi_add.o .debug_gnu_pubnames size)))
cp g5_gi_add.o bad_name_add.o
poke bad_name_add.o $((pubnames_off + size - 5)) 'AAAAA'
compare_with_lld bad_name gcc g5_gi_main.o bad_name_add.o g5_gi_scale.o
assert_contains "$(cat bad_name.err)" "ld.rivet: warning: bad_name_add.o:(.debug_gnu_pubnames): " \
  "rivet's warning for a name table cut inside an entry"
# A debug_info_offset (the addend of the table's relocation) at no unit: lld would file
# the names under the next file's unit; rivet leaves them out, with a warning.
rela_off=$((16#$(section_field g5_gi_add.o .rela.debug_gnu_pubnames off)))
cp g5_gi_add.o bad_off_add.o
poke bad_off_add.o $((rela_off + 16)) '\x00\x00\x01\x00\x00\x00\x00\x00'
# shellcheck disable=SC2046
run gcc -B"$RIVET_LIBEXEC/" -Wl,--gdb-index -o bad_off.rivet g5_gi_main.o bad_off_add.o g5_gi_scale.o 2>bad_off.err ||
  fail "expected the link with a lying debug_info_offset to succeed, it failed: $(cat bad_off.err)"
assert_contains "$(cat bad_off.err)" "bad_off_add.o:(.debug_gnu_pubnames): the name table at offset 0x0 names no unit" \
  "rivet's warning for a name table whose debug_info_offset is at no unit"
gdb_index_summary bad_off.rivet >bad_off.sum
! grep -q '^sym gi_add:' bad_off.sum || fail "expected gi_add (in the lying table) left out, got: $(grep 'sym gi_add' bad_off.sum)"
grep -q '^sym gi_color: 1 \[static, type\]' bad_off.sum ||
  fail "expected the file's .debug_gnu_pubtypes names kept, got:"$'\n'"$(grep '^sym' bad_off.sum)"

#!/usr/bin/env bash
# Objects compiled with -g -gz carry zlib-compressed debug sections (SHF_COMPRESSED with
# an Elf64_Chdr). The linker must decompress them before applying their relocations
# and merging them, so that the output's DWARF reads cleanly and maps addresses back to
# the right source lines.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools addr2line

cat >gzdebug_util.c <<'EOF'
int rivet_gz_scale(int x) {
  int y = x * 7;
  return y - 3;
}
EOF
cat >gzdebug_main.c <<'EOF'
#include <stdio.h>
int rivet_gz_scale(int);
static int rivet_gz_table[4] = {1, 2, 3, 4};
int rivet_gz_compute(int n) {
  int s = 0;
  for (int i = 0; i < n; i++) s += rivet_gz_scale(rivet_gz_table[i % 4]);
  return s;
}
int main(void) {
  printf("compute(10) = %d\n", rivet_gz_compute(10));
  return 0;
}
EOF
compile_c -O1 -g -gz=zlib -o gzdebug_util.o gzdebug_util.c
compile_c -O1 -g -gz=zlib -o gzdebug_main.o gzdebug_main.c
assert_contains "$(section_field gzdebug_main.o .debug_info flags)" C "test setup: flags of .debug_info in gzdebug_main.o (SHF_COMPRESSED)"
link_both gzdebug gzdebug_main.o gzdebug_util.o

run_both_and_compare gzdebug
expect_stdout gzdebug "compute(10) = 131"
expect_status gzdebug 0
elflint_compare gzdebug

has_section gzdebug.rivet .debug_info || fail "expected .debug_info in the output, found none"
for sec in .debug_info .debug_line .debug_abbrev; do
  flags=$(section_field gzdebug.rivet "$sec" flags)
  assert_not_contains "$flags" A "flags of $sec (debug sections are not loaded)"
done

for dump in info line; do
  status=0
  readelf --debug-dump="$dump" gzdebug.rivet >"dump-$dump.out" 2>"dump-$dump.err" || status=$?
  [ "$status" = 0 ] || fail "expected readelf --debug-dump=$dump to succeed on rivet's output, it exited $status: $(head -c 2000 "dump-$dump.err")"
  [ ! -s "dump-$dump.err" ] || fail "expected no readelf warnings for --debug-dump=$dump of rivet's output, got:"$'\n'"$(head -c 2000 "dump-$dump.err")"
done
for name in rivet_gz_compute rivet_gz_scale rivet_gz_table gzdebug_main.c gzdebug_util.c; do
  grep -q "$name" dump-info.out || fail "expected the DWARF of rivet's output to mention $name, it does not"
done
n_cu_rivet=$(grep -c 'DW_TAG_compile_unit' dump-info.out || true)
n_cu_bfd=$(readelf --debug-dump=info gzdebug.bfd 2>/dev/null | grep -c 'DW_TAG_compile_unit' || true)
assert_eq "$n_cu_rivet" "$n_cu_bfd" "number of DWARF compile units (rivet vs ld.bfd)"

# Relocated DWARF: the address of each function maps back to the same source line.
for fn in rivet_gz_compute rivet_gz_scale; do
  want=$(addr2line -e gzdebug.bfd "$(symbol_field gzdebug.bfd "$fn" value)")
  got=$(addr2line -e gzdebug.rivet "$(symbol_field gzdebug.rivet "$fn" value)")
  case "$want" in *\?*) fail "test setup: addr2line could not map $fn in ld.bfd's output ($want)" ;; esac
  assert_eq "${got##*/}" "${want##*/}" "addr2line for $fn (file:line)"
done

#!/usr/bin/env bash
# Plain (uncompressed) -g debug information is carried into the output: .debug_*
# sections are concatenated per name, not loaded, and their relocations (addresses in
# .debug_info/.debug_line/.debug_aranges, offsets into .debug_str/.debug_abbrev) are
# applied, so the output maps addresses back to source lines like ld.bfd's; -s and -S
# leave them out.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools addr2line

cat >dbg_util.c <<'EOF'
struct rivet_dbg_point { int x, y; };
int rivet_dbg_manhattan(struct rivet_dbg_point p) {
  int ax = p.x < 0 ? -p.x : p.x;
  int ay = p.y < 0 ? -p.y : p.y;
  return ax + ay;
}
EOF
cat >dbg_main.c <<'EOF'
#include <stdio.h>
struct rivet_dbg_point { int x, y; };
int rivet_dbg_manhattan(struct rivet_dbg_point p);
int rivet_dbg_global = 12;
int main(void) {
  struct rivet_dbg_point p = {-3, rivet_dbg_global};
  printf("distance = %d\n", rivet_dbg_manhattan(p));
  return 0;
}
EOF
compile_c -O0 -g -o dbg_util.o dbg_util.c
compile_c -O0 -g -o dbg_main.o dbg_main.c
link_both dbg dbg_main.o dbg_util.o

run_both_and_compare dbg
expect_stdout dbg "distance = 15"
expect_status dbg 0
elflint_compare dbg

for sec in .debug_info .debug_abbrev .debug_line .debug_str; do
  has_section dbg.rivet "$sec" || fail "expected $sec in the output, found none in: $(section_names dbg.rivet | tr '\n' ' ')"
  assert_not_contains "$(section_field dbg.rivet "$sec" flags)" A "flags of $sec (debug sections are not loaded)"
done
status=0
readelf --debug-dump=info,line dbg.rivet >dump.out 2>dump.err || status=$?
[ "$status" = 0 ] || fail "expected readelf --debug-dump=info,line to succeed on rivet's output, it exited $status"
[ ! -s dump.err ] || fail "expected no readelf warnings for rivet's DWARF, got:"$'\n'"$(head -c 2000 dump.err)"
for name in rivet_dbg_manhattan rivet_dbg_global rivet_dbg_point dbg_util.c dbg_main.c; do
  grep -q "$name" dump.out || fail "expected the DWARF of rivet's output to mention $name, it does not"
done

for fn in main rivet_dbg_manhattan; do
  want=$(addr2line -e dbg.bfd "$(symbol_field dbg.bfd "$fn" value)")
  got=$(addr2line -e dbg.rivet "$(symbol_field dbg.rivet "$fn" value)")
  case "$want" in *\?*) fail "test setup: addr2line could not map $fn in ld.bfd's output ($want)" ;; esac
  assert_eq "${got##*/}" "${want##*/}" "addr2line for $fn (file:line)"
done

# -s (--strip-all) and -S (--strip-debug) leave out every debugging section, as ld.bfd
# does; -s also leaves out .symtab and .strtab. The programs still run.
for opt in -s -S; do
  link_both "strip$opt" -Wl,"$opt" dbg_main.o dbg_util.o
  run_both_and_compare "strip$opt"
  expect_stdout "strip$opt" "distance = 15"
  assert_eq "$(section_names "strip$opt.rivet" | grep -cE '^\.(debug|zdebug|stab)' || true)" 0 "debugging sections with $opt"
  assert_eq "$(section_names "strip$opt.rivet" | grep -cE '^\.(symtab|strtab)$' || true)" \
    "$(section_names "strip$opt.bfd" | grep -cE '^\.(symtab|strtab)$' || true)" ".symtab and .strtab with $opt (as ld.bfd)"
done

#!/usr/bin/env bash
# -r --compress-debug-sections=TYPE (GNU ld; its testsuite builds objects so, then
# links and runs programs with them): the relocatable output's .debug_* sections are
# compressed as in a final link (zlib-gnu renames them .zdebug_*, and their relocation
# sections .rela.zdebug_*, as GNU ld does; zlib-gabi and zstd set SHF_COMPRESSED), and
# their relocations, kept beside them, still apply to the uncompressed contents (gABI
# "Compressed Sections"). The DWARF must decode as that of the same -r link without
# compression, a program linked from the object must run as ld.bfd's and find its
# source lines through it, and the object must not depend on --threads. rivet used to
# refuse the combination.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools addr2line

cat >part_a.c <<'EOF'
struct rcd_point { int x, y; };
static struct rcd_point rcd_points[3] = {{1, 2}, {3, 4}, {5, 6}};
int rcd_sum(int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += rcd_points[i % 3].x * rcd_points[i % 3].y;
  return s;
}
EOF
cat >part_b.c <<'EOF'
#include <stdio.h>
int rcd_sum(int n);
const char *rcd_label = "sum";
void rcd_report(int n) {
  printf("%s(%d) = %d\n", rcd_label, n, rcd_sum(n));
}
EOF
cat >main.c <<'EOF'
void rcd_report(int n);
int main(void) {
  rcd_report(7);
  return 0;
}
EOF
compile_c -O1 -g -o part_a.o part_a.c
compile_c -O1 -g -o part_b.o part_b.c
compile_c -O1 -g -o main.o main.c

run "$LD_RIVET" -r part_a.o part_b.o -o plain.o
dwarf_text() { # the DWARF as readelf decodes it, without the lines naming the layout
  readelf -w --decompress "$1" 2>&1 | grep -v -e '^Contents of' -e '^ *Offset' -e '^$' |
    sed 's/\.zdebug_/.debug_/g' || true
}
dwarf_text plain.o >plain.dwarf
grep -q rcd_sum plain.dwarf || fail "test setup: readelf -w of the uncompressed -r output does not mention rcd_sum"

for kind in zlib-gnu zlib-gabi zstd; do
  run "$LD_RIVET" -r --compress-debug-sections=$kind part_a.o part_b.o -o "part.$kind.o"
  run "$LD_RIVET" -r --compress-debug-sections=$kind --threads=1 part_a.o part_b.o -o "part1.$kind.o"
  cmp -s "part.$kind.o" "part1.$kind.o" || fail "part.$kind.o: the output with --threads=1 differs"
  run ld.bfd -r --compress-debug-sections=$kind part_a.o part_b.o -o "part.$kind.bfd.o"
  names=$(section_names "part.$kind.o")
  if [ $kind = zlib-gnu ]; then
    for s in .zdebug_info .rela.zdebug_info .zdebug_line .rela.zdebug_line; do
      printf '%s\n' "$names" | grep -qx -- "$s" ||
        fail "part.$kind.o: expected section $s (GNU ld's names), sections: $(printf '%s' "$names" | tr '\n' ' ')"
    done
  else
    assert_contains "$(section_field "part.$kind.o" .debug_info flags)" C "flags of .debug_info in part.$kind.o"
    printf '%s\n' "$names" | grep -qx -- .rela.debug_info || fail "part.$kind.o: expected .rela.debug_info"
  fi
  # The relocation sections are the uncompressed output's.
  for s in $(printf '%s\n' "$names" | grep '^\.rela\.z\?debug' || true); do
    plain=${s/.rela.zdebug/.rela.debug}
    assert_eq "$(section_field "part.$kind.o" "$s" size)" "$(section_field plain.o "$plain" size)" \
      "part.$kind.o: size of $s (against $plain of the uncompressed -r output)"
  done
  dwarf_text "part.$kind.o" >"part.$kind.dwarf"
  cmp -s plain.dwarf "part.$kind.dwarf" ||
    fail "part.$kind.o: its DWARF does not decode as the uncompressed -r output's:"$'\n'"$(diff plain.dwarf "part.$kind.dwarf" | awk 'NR <= 20')"

  dlink_rivet "prog.$kind.rivet" main.o "part.$kind.o"
  dlink_bfd "prog.$kind.bfd" main.o "part.$kind.bfd.o"
  run_both_and_compare "prog.$kind"
  expect_stdout "prog.$kind" "sum(7) = 90"
  addr=$(symbol_field "prog.$kind.rivet" rcd_sum value)
  where=$(addr2line -e "prog.$kind.rivet" "0x$addr")
  case "$where" in
    *part_a.c:*) ;;
    *) fail "prog.$kind.rivet: addr2line places rcd_sum at '$where', expected part_a.c" ;;
  esac
done

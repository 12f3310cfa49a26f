#!/usr/bin/env bash
# --separate-debug-file[=FILE] (mold): the output keeps no .debug_* sections and no
# .symtab; they go to FILE (OUTPUT.dbg by default), which has every section header of
# the output (the allocated ones NOBITS, the notes with their bytes: the same build ID)
# and whose CRC-32 the output's .gnu_debuglink holds after the file's base name. gdb
# finds the source lines through the link, and not without the file; eu-elflint finds
# no more to say of the pair than of objcopy's --only-keep-debug + --strip-debug pair.
# Without debug inputs the file is still written (mold); --no-separate-debug-file
# turns it off.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools gdb objcopy python3

cat >prog.c <<'EOF2'
#include <stdio.h>
static int counter;
int helper(int x) {
  counter += x;
  return counter * 2;
}
int main(void) {
  printf("%d\n", helper(20));
  return 0;
}
EOF2
compile_c -g -O1 -o prog.o prog.c
link() { run gcc -B"$RIVET_LIBEXEC/" -o "$@"; }
crc_of() { python3 -c 'import zlib,sys;print("%08x" % zlib.crc32(open(sys.argv[1],"rb").read()))' "$1"; }
# The CRC in .gnu_debuglink, as a hex number (it is stored little-endian).
debuglink_crc() {
  python3 - "$1" <<'PYEOF'
import struct, sys
d = open(sys.argv[1], "rb").read()
shoff, = struct.unpack_from("<Q", d, 0x28)
shnum, shstrndx = struct.unpack_from("<HH", d, 0x3c)
sh = [struct.unpack_from("<IIQQQQIIQQ", d, shoff + 64 * i) for i in range(shnum)]
names = sh[shstrndx][4]
for s in sh:
    if d[names + s[0]:].split(b"\0", 1)[0] == b".gnu_debuglink":
        body = d[s[4]:s[4] + s[5]]
        print(body.split(b"\0", 1)[0].decode(), "%08x" % int.from_bytes(body[-4:], "little"))
PYEOF
}
lint_count() { eu-elflint --gnu-ld "$1" 2>&1 | grep -vc '^No errors' || true; }

link prog prog.o -Wl,--separate-debug-file -Wl,--build-id
[ -f prog.dbg ] || fail "expected --separate-debug-file to write prog.dbg beside prog, found no file"
assert_eq "$(./prog)" 40 "the program linked with --separate-debug-file"

sections=$(readelf -SW prog)
! grep -qE ' \.(debug_|symtab|strtab)' <<<"$sections" || fail "expected no .debug_*, .symtab or .strtab in prog, got: $(grep -E ' \.(debug_|symtab|strtab)' <<<"$sections")"
assert_contains "$sections" ".gnu_debuglink" "prog's sections"
dbg_sections=$(readelf -SW prog.dbg)
for s in .debug_info .debug_line .symtab .strtab; do
  assert_contains "$dbg_sections" " $s " "prog.dbg's sections"
done
assert_eq "$(grep -E ' \.text ' <<<"$dbg_sections" | awk '{print $3}')" NOBITS "the type of .text in prog.dbg"
# Every section of prog is in prog.dbg, at the same address.
while read -r name addr; do
  grep -qE " $name +[A-Z_]+ +$addr " <<<"$dbg_sections" || fail "expected $name at $addr in prog.dbg (as in prog), it is not there"
done < <(readelf -SW prog | awk '$2 ~ /^\.(text|data|bss|dynamic|got|rodata|init_array)$/ {print $2, $4}')
assert_eq "$(readelf -n prog.dbg | grep 'Build ID')" "$(readelf -n prog | grep 'Build ID')" "the build ID in prog.dbg and in prog"

read -r name crc < <(debuglink_crc prog)
assert_eq "$name" prog.dbg "the file named in .gnu_debuglink"
assert_eq "$crc" "$(crc_of prog.dbg)" "the CRC in .gnu_debuglink against prog.dbg's CRC-32"

out=$(gdb -batch -ex 'info line helper' -ex 'list helper' ./prog 2>&1)
assert_contains "$out" 'of "prog.c" starts at address' "gdb's 'info line helper' with prog.dbg beside prog"
assert_contains "$out" "counter += x;" "gdb's 'list helper' with prog.dbg beside prog"
mkdir alone
cp prog alone/
out=$(gdb -batch -ex 'info line helper' -ex 'list helper' ./alone/prog 2>&1 || true)
[[ $out != *"counter += x"* ]] || fail "expected gdb to find no source lines for prog without prog.dbg, got: $out"
# A debug file whose CRC differs is refused.
cp prog alone/ && cp prog.dbg alone/ && printf 'x' >>alone/prog.dbg
out=$(gdb -batch -ex 'list helper' ./alone/prog 2>&1 || true)
[[ $out != *"counter += x"* ]] || fail "expected gdb to refuse a prog.dbg with another CRC, got: $out"

# The reference pair, from a normal link.
link whole prog.o -Wl,--build-id
run objcopy --only-keep-debug whole whole.dbg
run objcopy --strip-debug --add-gnu-debuglink=whole.dbg whole whole.stripped
for pair in "prog whole.stripped" "prog.dbg whole.dbg"; do
  read -r ours ref <<<"$pair"
  [ "$(lint_count "$ours")" -le "$(lint_count "$ref")" ] ||
    fail "expected eu-elflint to say no more of $ours than of objcopy's $ref ($(lint_count "$ref") lines), got: $(eu-elflint --gnu-ld "$ours" 2>&1 | head -5)"
done

# Without a build ID, a named file, compressed debug sections, a static program.
mkdir sub
link_rivet static prog.o -Wl,--separate-debug-file=sub/static.debug -Wl,--build-id=none \
  -Wl,--compress-debug-sections=zlib
[ ! -e static.dbg ] || fail "expected no static.dbg when --separate-debug-file names sub/static.debug"
read -r name crc < <(debuglink_crc static)
assert_eq "$name" static.debug "the file named in .gnu_debuglink (the base name of FILE)"
assert_eq "$crc" "$(crc_of sub/static.debug)" "the CRC in .gnu_debuglink against sub/static.debug's"
assert_contains "$(readelf -SW sub/static.debug | grep ' \.debug_info ')" " C " "the flags of .debug_info in sub/static.debug"
cp sub/static.debug static.debug
out=$(gdb -batch -ex 'info line helper' ./static 2>&1)
assert_contains "$out" 'of "prog.c" starts at address' "gdb on the static program with static.debug beside it"
assert_eq "$(./static)" 40 "the static program"

# No debug information in the inputs: mold writes the file all the same (.symtab).
compile_c -O1 -o nodebug.o prog.c
link nodebug nodebug.o -Wl,--separate-debug-file
[ -f nodebug.dbg ] || fail "expected nodebug.dbg for inputs without debug sections, as mold writes it"
assert_contains "$(readelf -SW nodebug.dbg)" " .symtab " "nodebug.dbg's sections"

# --no-separate-debug-file after it: a normal output, no file.
link off prog.o -Wl,--separate-debug-file -Wl,--no-separate-debug-file
[ ! -e off.dbg ] || fail "expected no off.dbg after --no-separate-debug-file"
assert_contains "$(readelf -SW off)" " .debug_info " "the sections with --no-separate-debug-file"
! readelf -SW off | grep -q gnu_debuglink || fail "expected no .gnu_debuglink with --no-separate-debug-file"

# A failed link leaves neither file.
cat >bad.c <<'EOF2'
int missing(void);
int main(void) { return missing(); }
EOF2
compile_c -g -o bad.o bad.c
expect_link_error bad "undefined" -- gcc -B"$RIVET_LIBEXEC/" -o bad bad.o -Wl,--separate-debug-file
[ ! -e bad.dbg ] || fail "expected no bad.dbg after a failed link"
[ -z "$(find . -name '.*rivet-*')" ] || fail "expected no temporary files left, found: $(find . -name '.*rivet-*')"

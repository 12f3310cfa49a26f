#!/usr/bin/env bash
# rivet-relocs on a shared object of known contents: three word-aligned pointers into
# its own .data through a local label (RELATIVE), one pointer to an undefined function (R_X86_64_64), a GOT
# load of an undefined variable (GLOB_DAT) and a call through the PLT (JUMP_SLOT).
# The counts, the section sizes and the RELR saving (3 x 24 bytes of RELA against an
# address and a bitmap, 16 bytes) are checked exactly, in text and JSON, before and
# after -z pack-relative-relocs.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
TOOL="$RIVET_BUILD/tools/rivet-relocs"
[ -x "$TOOL" ] || fail "expected $TOOL to be built"

cat >known.s <<'EOF2'
	.data
	.balign 8
table:
	.quad table, table + 8, table + 16, ext_fn
	.text
	.globl f
f:
	movq ext_var@GOTPCREL(%rip), %rax
	call ext_fn@PLT
	ret
	.section .note.GNU-stack,"",@progbits
EOF2
run as -o known.o known.s
run "$LD_RIVET" -shared -o known.so known.o
run "$LD_RIVET" -shared -z pack-relative-relocs -o packed.so known.o

pct() { python3 -c "import sys; print('%*.2f%%' % (int(sys.argv[3]), 100.0 * int(sys.argv[1]) / int(sys.argv[2])))" "$@"; }
"$TOOL" known.so >text.out
size=$(stat -c %s known.so)
expected="known.so: $size bytes
  relocation type             count
  R_X86_64_RELATIVE               3
  R_X86_64_64                     1
  R_X86_64_GLOB_DAT               1
  R_X86_64_JUMP_SLOT              1
  section                     bytes    share
  .rela.dyn                     120 $(pct 120 "$size" 7)
  .rela.plt                      24 $(pct 24 "$size" 7)
  .relr.dyn                       0    0.00%
  -z pack-relative-relocs would save 56 bytes ($(pct 56 "$size" 0) of the file)"
assert_eq "$(cat text.out)" "$expected" "rivet-relocs text report of known.so"

"$TOOL" --json known.so >json.out
assert_eq "$(cat json.out)" "{\"file\": \"known.so\", \"size\": $size, \"types\": {\"R_X86_64_RELATIVE\": 3, \"R_X86_64_64\": 1, \"R_X86_64_GLOB_DAT\": 1, \"R_X86_64_JUMP_SLOT\": 1}, \"rela_dyn\": 120, \"rela_plt\": 24, \"relr_dyn\": 0, \"relr_savings\": 56}" "rivet-relocs --json of known.so"
python3 -c 'import json,sys; json.load(open("json.out"))' || fail "rivet-relocs --json output is not valid JSON"

"$TOOL" --json packed.so >packed.json
python3 - <<'EOF2' || fail "packed.so report: $(cat packed.json)"
import json
r = json.load(open("packed.json"))
assert r["types"]["R_X86_64_RELATIVE"] == 3, r
assert r["relr_dyn"] == 16 and r["rela_dyn"] == 48 and r["relr_savings"] == 0, r
EOF2
grep -q "already packed with RELR" <("$TOOL" packed.so) || fail "expected the text report to say packed.so is packed"
status=0
"$TOOL" no-such-file 2>err.txt || status=$?
[ "$status" = 1 ] || fail "expected exit 1 for a missing file, got $status"
grep -q "no-such-file" err.txt || fail "expected the error to name the missing file, got: $(cat err.txt)"

#!/usr/bin/env bash
# A link killed with SIGTERM while it writes leaves nothing behind: neither the output
# nor rivet's temporary file beside it. An older shared object is left untouched; an
# older executable is left untouched or, once the relink has begun writing into it,
# removed (never half-written).
# The input carries a large section so that the write takes long enough to be hit.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools objcopy

cat >start.s <<'EOF2'
  .text
  .globl _start
_start:
  mov $60, %eax
  xor %edi, %edi
  syscall
EOF2
run as -o start.o start.s
head -c $((768 * 1024 * 1024)) /dev/zero | tr '\0' '\1' >payload.bin 2>/dev/null ||
  head -c $((768 * 1024 * 1024)) /dev/zero >payload.bin
run objcopy --add-section .data.payload=payload.bin \
  --set-section-flags .data.payload=alloc,load,data start.o big.o
rm -f payload.bin

mkdir out
# A shared object is written into a new file: the previous one stays as it was.
kill_link_midway "0.15 0.05 0.3" out/lib.so -shared big.o
leftovers=$(find out -mindepth 1 ! -name lib.so)
[ -z "$leftovers" ] || fail "expected no temporary file after SIGTERM, found: $leftovers"
assert_eq "$(stat -c '%i %Y %s' out/lib.so)" "$before" "the previous shared object (inode, mtime, size) after the killed link"
assert_eq "$(cat out/lib.so)" "previous output" "contents of the previous shared object"
rm -f out/lib.so

# An executable relinked over its previous version writes into the old file (its page
# cache is reused, as mold does): killed before that, the old file is as it was;
# killed after, it is gone, as with GNU ld. Never a half-written output.
kill_link_midway "0.15 0.05 0.3" out/prog -static big.o
leftovers=$(find out -mindepth 1 ! -name prog)
[ -z "$leftovers" ] || fail "expected no temporary file after SIGTERM, found: $leftovers"
if [ -e out/prog ]; then
  assert_eq "$(stat -c '%i %Y %s' out/prog)" "$before" "the previous output file (inode, mtime, size) after the killed link"
  assert_eq "$(cat out/prog)" "previous output" "contents of the previous output file"
fi
rm -f big.o

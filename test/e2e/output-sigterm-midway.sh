#!/usr/bin/env bash
# A link killed with SIGTERM while it writes leaves nothing behind: neither the output
# nor rivet's temporary file beside it, and an older output file is left untouched.
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
printf 'previous output\n' >out/prog
before=$(stat -c '%i %Y %s' out/prog)
killed=0
for delay in 0.15 0.05 0.3; do
  "$LD_RIVET" -static -o out/prog big.o &
  pid=$!
  sleep "$delay"
  kill -TERM "$pid" 2>/dev/null || true
  status=0
  wait "$pid" || status=$?
  if [ "$status" = 143 ]; then
    killed=1
    break
  fi
  [ "$status" = 0 ] || fail "expected the link to be killed (143) or to finish (0), got $status"
  # It finished first: restore the previous output and try with a shorter delay.
  printf 'previous output\n' >out/prog
  before=$(stat -c '%i %Y %s' out/prog)
done
[ "$killed" = 1 ] || fail "could not kill the link while it was running (it always finished first)"
leftovers=$(find out -mindepth 1 ! -name prog)
[ -z "$leftovers" ] || fail "expected no temporary file after SIGTERM, found: $leftovers"
assert_eq "$(stat -c '%i %Y %s' out/prog)" "$before" "the previous output file (inode, mtime, size) after the killed link"
assert_eq "$(cat out/prog)" "previous output" "contents of the previous output file"
rm -f big.o

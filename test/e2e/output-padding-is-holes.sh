#!/usr/bin/env bash
# Bytes the link does not write take no disk space: alignment padding inside and
# between output sections and a non-allocated SHT_NOBITS section are holes in the
# output file. An object of a few hundred bytes asks for a 256 MiB-aligned section, a
# 64 MiB-aligned non-allocated section and a 128 GiB non-allocated NOBITS section; the
# output's logical size follows the alignments, as with ld.bfd, but its disk usage
# stays small, the NOBITS section adds nothing to the file, and the program runs.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools python3

make_start_object start.o
cat >main.s <<'EOF2'
  .text
  .globl main
main:
  mov far_value(%rip), %eax
  ret
  .section .data.far,"aw"
  .balign 1 << 28
far_value:
  .long 42
  .section .note.far,"",@progbits
  .balign 1 << 26
  .quad 7
  .section .huge,"",@nobits
  .skip 16
EOF2
run as -o main.o main.s
# as cannot make a 128 GiB section: patch .huge's sh_size.
python3 - main.o <<'EOF2'
import struct, sys
path = sys.argv[1]
d = bytearray(open(path, "rb").read())
shoff, = struct.unpack_from("<Q", d, 40)
shnum, shstrndx = struct.unpack_from("<HH", d, 60)
names, = struct.unpack_from("<Q", d, shoff + 64 * shstrndx + 24)
for i in range(shnum):
    h = shoff + 64 * i
    n, = struct.unpack_from("<I", d, h)
    if d[names + n:d.index(b"\0", names + n)] == b".huge":
        struct.pack_into("<Q", d, h + 32, 128 << 30)
open(path, "wb").write(d)
EOF2

run "$LD_RIVET" -static -o prog start.o main.o
status=0
./prog || status=$?
assert_eq "$status" 42 "exit status of the program (reads a 256 MiB-aligned variable)"

size=$(stat -c %s prog)
[ "$size" -gt $((256 * 1024 * 1024)) ] || fail "expected the file to span the 256 MiB alignment, got $size bytes"
[ "$size" -lt $((1024 * 1024 * 1024)) ] || fail "expected the 128 GiB NOBITS section to add nothing to the file, got $size bytes"
used_kb=$(du -k prog | cut -f1)
[ "$used_kb" -lt 1024 ] || fail "expected the padding to be holes (under 1 MiB on disk), got $used_kb KiB of $size bytes"
huge_off=$(hex_to_dec "$(section_field prog .huge off)")
[ "$huge_off" -le "$size" ] || fail "expected .huge's offset inside the file, got $huge_off of $size"

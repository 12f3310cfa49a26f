#!/usr/bin/env bash
# A section both writable and executable ("awx", as hand-written assembly or old
# trampolines make) goes with the data, in a LOAD segment that is writable and
# executable, as GNU ld places it: the program can write to it. GNU ld warns about the
# RWX segment for executables and shared objects alike; --no-warn-rwx-segments quiets
# it and --error-rwx-segments refuses the link.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ld.bfd as

cat >rwx.s <<'EOF2'
	.section .rwx,"awx",@progbits
	.globl rwxdata
rwxdata: .quad 1
	.section .note.GNU-stack,"",@progbits
EOF2
run as -o rwx.o rwx.s
cat >main.c <<'EOF2'
#include <stdio.h>
extern long rwxdata;
int main(void) { rwxdata += 41; printf("%ld\n", rwxdata); return 0; }
EOF2
compile_c -o main.o main.c

for mode in -pie -no-pie -static; do
  bfd_err=$(gcc -fuse-ld=bfd "$mode" -o "prog$mode.bfd" main.o rwx.o 2>&1)
  rivet_err=$(gcc -B"$RIVET_LIBEXEC/" "$mode" -o "prog$mode.rivet" main.o rwx.o 2>&1)
  assert_eq "$("./prog$mode.rivet")" "$("./prog$mode.bfd")" "output of the $mode program writing to its awx section"
  assert_contains "$bfd_err" "has a LOAD segment with RWX permissions" "ld.bfd's warning ($mode)"
  assert_contains "$rivet_err" "prog$mode.rivet has a LOAD segment with RWX permissions" "rivet's warning ($mode)"
  # The LOAD segment holding .rwx is writable and executable.
  addr=$((16#$(section_field "prog$mode.rivet" .rwx addr)))
  flags=$(readelf -lW "prog$mode.rivet" | while read -r type off vaddr paddr filesz memsz rest; do
    if [ "$type" = LOAD ] && [ "$addr" -ge $((vaddr)) ] && [ "$addr" -lt $((vaddr + memsz)) ]; then
      echo "${rest% *}" | tr -d ' '
    fi
  done)
  assert_eq "$flags" "RWE" "flags of the LOAD segment holding .rwx ($mode)"
done

cat >lib.c <<'EOF2'
long get(void) { extern long rwxdata; return rwxdata; }
EOF2
compile_c -fPIC -o lib.o lib.c
bfd_err=$(gcc -fuse-ld=bfd -shared -o lib.bfd.so lib.o rwx.o 2>&1)
rivet_err=$(gcc -B"$RIVET_LIBEXEC/" -shared -o lib.rivet.so lib.o rwx.o 2>&1)
assert_contains "$bfd_err" "has a LOAD segment with RWX permissions" "ld.bfd's warning for a shared object"
assert_contains "$rivet_err" "lib.rivet.so has a LOAD segment with RWX permissions" "rivet's warning for a shared object"
assert_eq "$(gcc -B"$RIVET_LIBEXEC/" -shared -o quiet.so lib.o rwx.o -Wl,--no-warn-rwx-segments 2>&1)" "" "--no-warn-rwx-segments"
expect_link_error refused.so "RWX" -- gcc -B"$RIVET_LIBEXEC/" -shared -o refused.so lib.o rwx.o -Wl,--error-rwx-segments

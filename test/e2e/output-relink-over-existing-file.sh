#!/usr/bin/env bash
# Relinking an executable over an existing one writes into the old file (its page cache
# is reused, as mold does), and the result is byte for byte what a link into a new file
# gives: whatever the old file held (random bytes, larger or smaller than the output),
# every byte the link does not write reads as zero, and large padding is a hole again.
# Where reuse would be unsafe, the old file is replaced instead and left as it was: a
# running program (its text must not change under it), a file with another hard link,
# a shared object (processes map it), -r output.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools python3

cat >prog.c <<'EOF2'
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static char zeros[5000];                       /* .bss */
int table[300] = {1, 2, 3};                    /* .data, with zero tail */
const char *names[] = {"alpha", "beta", "gamma"}; /* relocated pointers, .rodata.str */
__attribute__((aligned(64))) int aligned_value = 7;
int sum(int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += table[i % 300] + (int)strlen(names[i % 3]) + zeros[i];
  return s + aligned_value;
}
int main(int argc, char **argv) {
  if (argc > 1) { /* stay alive until stdin closes: the running-program case */
    char c;
    while (read(0, &c, 1) > 0)
      ;
  }
  printf("%d %s\n", sum(1000), names[2]);
  return 0;
}
EOF2
compile_c -O1 -g -fPIE -o prog.o prog.c
compile_c -O1 -fPIC -o lib.o prog.c

# The kernels that let a running program be opened for writing (6.11, 6.12) get no reuse.
reuse_expected=yes
case $(uname -r) in 6.11.* | 6.11 | 6.12.* | 6.12) reuse_expected=no ;; esac

fresh() { # fresh OUT ARGS...: the reference, linked by gcc into a path that does not exist
  local out=$1
  shift
  rm -f -- "$out"
  run gcc -B"$RIVET_LIBEXEC/" "$@" -o "$out"
}

fresh ref -pie prog.o
assert_eq "$(./ref)" "4698 gamma" "output of the program linked into a new file"
run gcc -fuse-ld=bfd -pie prog.o -o ref.bfd
assert_eq "$(./ref.bfd)" "4698 gamma" "output of the program linked by ld.bfd"

# 1. The old file holds random bytes, three times the output's size, then half of it.
ref_size=$(stat -c %s ref)
for garbage in $((3 * ref_size)) $((ref_size / 2)); do
  head -c "$garbage" /dev/urandom >prog
  chmod +x prog
  inode_before=$(stat -c %i prog)
  run gcc -B"$RIVET_LIBEXEC/" -pie -o prog prog.o
  cmp ref prog || fail "relinking over $garbage random bytes: the output differs from a new file's"
  if [ "$reuse_expected" = yes ]; then
    assert_eq "$(stat -c %i prog)" "$inode_before" "inode of the relinked output (the old file is reused)"
  fi
  assert_eq "$(./prog)" "4698 gamma" "output of the relinked program"
done

# 2. Large padding becomes a hole again: a 32 MiB-aligned variable, linked over a file
#    of 80 MiB of random bytes, leaves little on disk.
cat >far.s <<'EOF2'
  .text
  .globl main
main:
  mov far_value(%rip), %eax
  ret
  .section .data.far,"aw"
  .balign 1 << 25
far_value:
  .long 42
EOF2
run as -o far.o far.s
make_start_object start.o
rm -f far.ref
run "$LD_RIVET" -static -o far.ref start.o far.o
head -c $((80 << 20)) /dev/urandom >far
run "$LD_RIVET" -static -o far start.o far.o
cmp far.ref far || fail "relinking over 80 MiB of random bytes: the output differs from a new file's"
status=0
./far || status=$?
assert_eq "$status" 42 "exit status of the program linked over random bytes"
used_kb=$(du -k far | cut -f1)
[ "$used_kb" -lt 4096 ] || fail "expected the 32 MiB of padding to be a hole again, got $used_kb KiB on disk"

# 3. A running program is not written into: it keeps running and prints its own line;
#    the output is a new file with the new contents.
fresh ref2 -pie prog.o -Wl,--build-id=0x1234
cp ref running
mkfifo feed
./running wait <feed >running.out &
runner=$!
exec 3>feed
inode_before=$(stat -c %i running)
run gcc -B"$RIVET_LIBEXEC/" -pie -o running prog.o -Wl,--build-id=0x1234
exec 3>&-
wait "$runner" || fail "the running program failed while its file was relinked"
assert_eq "$(cat running.out)" "4698 gamma" "output of the program that ran during the relink"
cmp ref2 running || fail "relinking a running program: the output differs from a new file's"
[ "$(stat -c %i running)" != "$inode_before" ] || fail "a running program's file was written into"

# 4. A second hard link keeps the old contents.
cp ref linked
ln linked other-name
run gcc -B"$RIVET_LIBEXEC/" -pie -o linked prog.o -Wl,--build-id=0x1234
cmp ref other-name || fail "the other hard link of the output changed"
cmp ref2 linked || fail "relinking a file with two hard links: the output differs from a new file's"

# 5. A shared object is replaced, never written into (a process may have it mapped).
fresh lib.ref -shared lib.o
head -c 100000 /dev/urandom >lib.so
inode_before=$(stat -c %i lib.so)
run gcc -B"$RIVET_LIBEXEC/" -shared -o lib.so lib.o
cmp lib.ref lib.so || fail "relinking a shared object: the output differs from a new file's"
[ "$(stat -c %i lib.so)" != "$inode_before" ] || fail "an existing shared object was written into"

# 6. -r output is replaced too.
rm -f rel.ref
run "$LD_RIVET" -r -o rel.ref prog.o
head -c 100000 /dev/urandom >rel.o
inode_before=$(stat -c %i rel.o)
run "$LD_RIVET" -r -o rel.o prog.o
cmp rel.ref rel.o || fail "relinking -r output: it differs from a new file's"
[ "$(stat -c %i rel.o)" != "$inode_before" ] || fail "existing -r output was written into"
# 7. An error found while writing (a relocation out of range) comes after the old file
#    was reused: no half-written output is left, and no temporary file (GNU ld removes
#    the output on any error). An error found before writing leaves the old file as it
#    was (expect_link_error checks that).
cat >overflow.s <<'EOF2'
  .text
  .globl main
main:
  movl $far_away, %eax
  ret
EOF2
run as -o overflow.o overflow.s
run "$LD_RIVET" -static -o overflow start.o far.o
expect_link_error overflow "undefined reference" -- "$LD_RIVET" -static -o overflow start.o overflow.o
status=0
"$LD_RIVET" -static -o overflow start.o overflow.o --defsym=far_away=0x200000000 2>overflow.err ||
  status=$?
assert_eq "$status" 1 "exit status of the link whose relocation is out of range"
assert_contains "$(cat overflow.err)" "out of range" "error of the link whose relocation is out of range"
[ ! -e overflow ] || fail "a half-written output was left after an error found while writing"
# GNU ld, given the same link over an existing output, leaves none either.
cp far.ref overflow.bfd
status=0
ld.bfd -static -o overflow.bfd start.o overflow.o --defsym=far_away=0x200000000 2>/dev/null ||
  status=$?
[ "$status" != 0 ] || fail "ld.bfd linked the relocation out of range"
[ ! -e overflow.bfd ] || fail "ld.bfd kept an output after the error (this test's premise)"
# 8. An output section of more than 8,192 members (its gaps are cleared in pieces of
#    members): 9,000 functions of odd sizes, each in its own section and 32-byte
#    aligned, relinked over random bytes, give the new file's bytes.
python3 - <<'EOF2'
with open("many.c", "w") as out:
    for i in range(9000):
        out.write("int f%d(int x) { return x * %d + %d; }\n" % (i, i % 7 + 2, i))
    out.write("int main(void) { return f8999(1) == 8999 + 2 + 8999 % 7 ? 0 : 1; }\n")
EOF2
compile_c -O1 -fPIE -ffunction-sections -falign-functions=32 -o many.o many.c
fresh many.ref -pie many.o
head -c $(($(stat -c %s many.ref) + 4096)) /dev/urandom >many
chmod +x many
run gcc -B"$RIVET_LIBEXEC/" -pie -o many many.o
cmp many.ref many || fail "relinking 9,000 sections over random bytes: the output differs from a new file's"
./many || fail "the program of 9,000 functions, relinked, exits $?"
leftovers=$(find . -maxdepth 1 -name '.*.rivet-*')
[ -z "$leftovers" ] || fail "temporary files left behind: $leftovers"
echo PASS

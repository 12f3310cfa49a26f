#!/usr/bin/env bash
# -o naming an existing file that is not a regular file (a character device such as
# /dev/null, a FIFO) is written in place, as GNU ld and lld do: build systems link to
# /dev/null to probe flags, and replacing it with a regular file (run as root) breaks
# the whole machine. A symlink to a regular file is replaced, as before.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools mkfifo

make_start_object start.o
cat >main.c <<'EOF2'
int main(void) { return 7; }
EOF2
compile_c -O1 main.c -o main.o

# A FIFO: the whole output arrives through it, and it stays a FIFO.
mkfifo pipe
cat pipe >from-pipe &
reader=$!
run "$LD_RIVET" -static -o pipe start.o main.o
wait "$reader"
[ -p pipe ] || fail "expected pipe to remain a FIFO after linking into it"
run "$LD_RIVET" -static -o direct start.o main.o
cmp -s from-pipe direct || fail "expected the bytes written into the FIFO to be the output linked to a regular file"
chmod +x from-pipe
status=0
./from-pipe || status=$?
assert_eq "$status" 7 "exit status of the program read back from the FIFO"

# /dev/null itself, when this test may touch it (it is only written to, never replaced).
before=$(stat -c '%F %t:%T %a %i' /dev/null)
run "$LD_RIVET" -static -o /dev/null start.o main.o
assert_eq "$(stat -c '%F %t:%T %a %i' /dev/null)" "$before" "/dev/null (type, device, mode, inode) after linking into it"
leftovers=$(find /dev -maxdepth 1 -name '.null.rivet-*' 2>/dev/null)
[ -z "$leftovers" ] || fail "expected no temporary file in /dev, found: $leftovers"

# A symlink to a regular file is replaced by the new output (GNU ld does the same).
printf 'old\n' >target
ln -s target link
run "$LD_RIVET" -static -o link start.o main.o
[ -f link ] && [ ! -L link ] || fail "expected the symlink to be replaced by a regular file"
assert_eq "$(cat target)" "old" "the symlink's old target"

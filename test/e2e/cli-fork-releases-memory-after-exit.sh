#!/usr/bin/env bash
# --fork (the default; mold's name for it): the process the caller started exits as soon
# as the output is in place, and the release of the link's memory happens after that
# exit, in a helper process that shares the memory. The caller sees the same output,
# messages and exit status as with --no-fork, and the output runs at once. A subreaper
# sees the helper: an orphan of the linker that held the link's memory (its peak RSS
# counts the 48 MiB section) and exits by itself; --no-fork leaves no such process.
# SIGTERM to the linker stops the link: exit by the signal, no temporary file.
# shellcheck source=lib.sh
RIVET_THREADS_CHECK=off # the test times and signals the linker's own process
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools python3 objcopy

make_start_object start.o
cat >main.c <<'EOF2'
extern char payload_start[];
int main(void) { return payload_start[12345]; }
EOF2
compile_c -O1 main.c -o main.o
head -c $((48 << 20)) /dev/zero | tr '\0' '\7' >payload.bin
run objcopy --add-section .data.payload=payload.bin --set-section-flags .data.payload=alloc,load,data \
  --add-symbol payload_start=.data.payload:0,global main.o big.o
rm -f payload.bin

# reap_link ARGS...: runs ld.rivet ARGS as a subreaper would see it, prints "STATUS
# HELPERS HELPER_MAXRSS_KB": its exit status, then how many processes it left behind
# (reparented to us, each waited for up to 20 s) and the largest peak RSS among them.
reap_link() {
  python3 - "$LD_RIVET" "$@" <<'EOF2'
import ctypes, os, signal, subprocess, sys
PR_SET_CHILD_SUBREAPER = 36
if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit("prctl(PR_SET_CHILD_SUBREAPER) failed")
status = subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL).returncode
signal.alarm(20)
helpers, maxrss = 0, 0
while True:
    try:
        _, _, usage = os.wait4(-1, 0)
    except ChildProcessError:
        break
    helpers += 1
    maxrss = max(maxrss, usage.ru_maxrss)
print(status, helpers, maxrss)
EOF2
}

read -r status_nf helpers_nf _ < <(reap_link -static --no-fork -o prog.nofork start.o big.o)
read -r status_f helpers_f rss_f < <(reap_link -static -o prog.fork start.o big.o)
assert_eq "$status_nf" 0 "exit status with --no-fork"
assert_eq "$status_f" 0 "exit status with --fork"
cmp prog.nofork prog.fork || fail "--fork and --no-fork outputs differ"
status=0
./prog.fork || status=$?
assert_eq "$status" 7 "exit status of the program, run as soon as the link returned"
assert_eq "$helpers_nf" 0 "processes --no-fork left behind"
assert_eq "$helpers_f" 1 "processes --fork left behind to release the memory"
[ "$rss_f" -gt $((48 * 1024)) ] || fail "expected --fork's helper to hold the link's memory (48 MiB section), its peak RSS is $rss_f KiB"

# The output can be run the moment the link returns, relinked over or not: the child
# must not hold it open for writing any more (exec would fail with ETXTBSY).
for round in 1 2 3; do
  run "$LD_RIVET" -static -o prog.again start.o big.o
  status=0
  ./prog.again || status=$?
  assert_eq "$status" 7 "exit status of the program run right after link $round"
done

# Messages and status of a failed link come through the parent.
cat >undef.c <<'EOF2'
extern int nowhere;
int main(void) { return nowhere; }
EOF2
compile_c -O1 undef.c -o undef.o
expect_link_error prog.undef "undefined reference to \`nowhere'" -- "$LD_RIVET" -static -o prog.undef start.o undef.o

# --version and other informational options print as before (nothing forks for them).
assert_contains "$("$LD_RIVET" --version)" "rivet" "--version output"

# SIGTERM to the linker stops the link.
mkdir out
kill_link_midway "0.05 0.02 0.1 0.01" out/prog -static start.o big.o
sleep 1 # a link that went on would have renamed its output into place by now
leftovers=$(find out -mindepth 1 ! -name prog)
[ -z "$leftovers" ] || fail "expected no temporary file after SIGTERM, found: $leftovers"
if [ -e out/prog ]; then
  assert_eq "$(cat out/prog)" "previous output" "out/prog after the killed link"
fi
echo PASS

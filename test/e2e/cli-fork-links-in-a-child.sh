#!/usr/bin/env bash
# --fork (the default, as in mold): the link runs in a child process and the process the
# caller started exits as soon as the output is in place, leaving the cleanup of the
# link's memory to the child. The caller sees the same output, messages and exit
# status as with --no-fork, and the output runs at once; the linking is not done in the
# process it waited for (its peak memory stays small while --no-fork's holds the 48 MiB
# section); SIGTERM to that process stops the link: exit by the signal, no temporary
# file, and no output of the child's.
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

# peak_rss_kb ARGS...: runs ld.rivet ARGS, prints "STATUS MAXRSS_KB" of the process it
# waited for (RUSAGE_CHILDREN counts only waited-for processes: not --fork's child).
peak_rss_kb() {
  python3 - "$LD_RIVET" "$@" <<'EOF2'
import resource, subprocess, sys
status = subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL).returncode
print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
EOF2
}

read -r status_nf rss_nf < <(peak_rss_kb -static --no-fork -o prog.nofork start.o big.o)
read -r status_f rss_f < <(peak_rss_kb -static -o prog.fork start.o big.o)
assert_eq "$status_nf" 0 "exit status with --no-fork"
assert_eq "$status_f" 0 "exit status with --fork"
cmp prog.nofork prog.fork || fail "--fork and --no-fork outputs differ"
status=0
./prog.fork || status=$?
assert_eq "$status" 7 "exit status of the program, run as soon as the link returned"
[ "$rss_nf" -gt $((48 * 1024)) ] || fail "expected --no-fork's process to hold the 48 MiB section, peak RSS $rss_nf KiB"
[ "$rss_f" -lt $((32 * 1024)) ] || fail "expected the process --fork's caller waits for not to link (peak RSS $rss_f KiB, --no-fork $rss_nf KiB)"

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

# SIGTERM to the process the caller started stops the link in the child too.
mkdir out
kill_link_midway "0.05 0.02 0.1 0.01" out/prog -static start.o big.o
sleep 1 # a child that went on would have renamed its output into place by now
leftovers=$(find out -mindepth 1 ! -name prog)
[ -z "$leftovers" ] || fail "expected no temporary file after SIGTERM, found: $leftovers"
if [ -e out/prog ]; then
  assert_eq "$(cat out/prog)" "previous output" "out/prog after the killed link (never the child's output)"
fi
echo PASS

#!/usr/bin/env bash
# fuzz.sh [SECONDS] [WORKERS]: a libFuzzer campaign of the whole link pipeline
# (test/fuzz/fuzz-link.c, ASan+UBSan), seeded with the malformed-input corpus's real
# inputs: C and C++ objects, an archive, a thin archive, a shared object and a linker
# script. Inputs alternate between -static and -shared links.
#
#   bash tools/fuzz.sh            # 60 s, one worker (what tools/check.sh runs)
#   bash tools/fuzz.sh 1800 2     # the 30-minute campaign, two workers
#
# The target runs under a 1 GiB file-size limit and aborts on a link that reserves
# more than that on disk. Any crash, sanitizer report, hang (20 s), out-of-memory
# (4 GiB) or such abort is a finding: its input is kept in the work directory, and the
# script exits 1. At the end it prints the executions, their rate, the number of
# inputs in the grown corpus and the largest output any input made.
# Environment: RIVET_BUILD (release build holding the corpus; default build),
# RIVET_FUZZ_DIR (fuzzer build; default build-fuzz), RIVET_FUZZ_WORK (keep the corpus
# and logs there instead of a temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
workers=${2:-1}
BUILD=${RIVET_BUILD:-build}
FUZZ=${RIVET_FUZZ_DIR:-build-fuzz}
[ -d "$BUILD/test/corpus/base" ] || { echo "fuzz.sh: $BUILD/test/corpus/base is missing: build and run the test suite first (tools/check.sh)" >&2; exit 2; }
CC=clang cmake -S . -B "$FUZZ" -DRIVET_FUZZ=ON -DRIVET_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$FUZZ" -j"$(nproc)" --target fuzz-link >/dev/null
target=$PWD/$FUZZ/test/fuzz/fuzz-link

if [ -n "${RIVET_FUZZ_WORK:-}" ]; then
  work=$RIVET_FUZZ_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/corpus" "$work/seeds"
base=$BUILD/test/corpus/base
cp "$base"/*.o "$base"/*.a "$base"/*.so "$base"/*.lds "$work/seeds/"

flags=(-max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -max_len=262144
       -close_fd_mask=2 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$work/")
status=0
if [ "$workers" -le 1 ]; then
  (cd "$work" && ASAN_OPTIONS=detect_leaks=0 "$target" "${flags[@]}" corpus seeds >log 2>&1) || status=$?
  logs=("$work/log")
else
  (cd "$work" && ASAN_OPTIONS=detect_leaks=0 "$target" "${flags[@]}" -fork="$workers" \
     -ignore_crashes=0 -ignore_timeouts=0 -ignore_ooms=0 corpus seeds >log 2>&1) || status=$?
  logs=("$work/log")
fi

# A grep that matches nothing must not end the script (pipefail): -fork mode prints
# no final stats, and a run may find nothing to report.
matches() { grep -ho "$@" || true; }
runs=$(matches 'stat::number_of_executed_units: [0-9]*' "${logs[@]}" | awk '{s += $2} END {print s + 0}')
if [ "$runs" -eq 0 ]; then
  # -fork mode prints its own totals: "#N ... exec/s: R" lines.
  runs=$(matches '^#[0-9]*' "${logs[@]}" | tr -d '#' | sort -n | tail -1)
fi
inputs=$(find "$work/corpus" -type f | wc -l)
largest=$(matches 'largest output so far: [0-9]* bytes, [0-9]* reserved' "${logs[@]}" |
          awk '{n++; if ($5 > f) f = $5; if ($7 > r) r = $7}
               END {if (n) printf "%d bytes (%d reserved on disk)", f, r; else printf "not reported (the -fork jobs keep their own logs)"}')
echo "fuzz: $seconds s, $workers worker(s): ${runs:-0} executions, $(( ${runs:-0} / (seconds > 0 ? seconds : 1) )) per second; $inputs inputs in the corpus; largest output $largest"
findings=$(ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$work"/leak-* 2>/dev/null || true)
if [ -n "$findings" ] || [ "$status" -ne 0 ]; then
  grep -h -m 5 -E 'ERROR|finding|SUMMARY' "${logs[@]}" >&2 || true
  echo "fuzzing found a problem (exit $status): ${findings:-see $work/log}" >&2
  [ -n "${RIVET_FUZZ_WORK:-}" ] || trap - EXIT
  exit 1
fi
echo "fuzz: no crash, hang, sanitizer report or oversized output in $seconds s"

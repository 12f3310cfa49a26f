#!/usr/bin/env bash
# Quick start, step 2: the whole test suite (installs and builds first if needed).
#  1. the release build (gcc) runs every test: unit, end-to-end, corpus;
#  2. an ASan+UBSan build with clang (which also proves the code is warning-free with
#     clang) runs the unit and end-to-end tests again.
# Extra arguments go to both ctest runs (e.g. -R static-).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --no-sample
BUILD=${RIVET_BUILD_DIR:-build}
ctest --test-dir "$BUILD" --output-on-failure -j"$(nproc)" "$@"

if [ "${RIVET_SKIP_SANITIZE:-0}" != 1 ]; then
  SAN=${RIVET_SANITIZE_DIR:-build-sanitize}
  CC=clang cmake -S . -B "$SAN" -DCMAKE_BUILD_TYPE=Debug -DRIVET_SANITIZE=ON >/dev/null
  cmake --build "$SAN" -j"$(nproc)" >/dev/null
  # Leaks are expected: rivet frees nothing at exit (DESIGN.md sec. 10.1).
  # The thread-count check of every link (test/e2e/common/threads-check-ld) ran in the
  # release run; three links each would more than double this one.
  RIVET_THREADS_CHECK=off ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir "$SAN" --output-on-failure -j"$(nproc)" -L 'unit|e2e|corpus' "$@"
fi

# 3. A one-minute fuzzing run (libFuzzer, ASan+UBSan) seeded with the corpus's real
#    inputs; any finding fails the run. Longer campaigns: bash tools/fuzz.sh 1800 2.
if [ "${RIVET_SKIP_FUZZ:-0}" != 1 ]; then
  bash tools/fuzz.sh "${RIVET_FUZZ_SECONDS:-60}"
fi

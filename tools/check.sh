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
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir "$SAN" --output-on-failure -j"$(nproc)" -L 'unit|e2e|corpus' "$@"
fi

# 3. A short fuzzing run (libFuzzer, ASan+UBSan) seeded with the corpus's real inputs;
#    any crash fails the run. Longer runs: RIVET_FUZZ_SECONDS=3600.
if [ "${RIVET_SKIP_FUZZ:-0}" != 1 ]; then
  FUZZ=${RIVET_FUZZ_DIR:-build-fuzz}
  CC=clang cmake -S . -B "$FUZZ" -DRIVET_FUZZ=ON -DRIVET_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$FUZZ" -j"$(nproc)" --target fuzz-link >/dev/null
  seeds=$(mktemp -d)
  work=$(mktemp -d)
  trap 'rm -rf "$seeds" "$work"' EXIT
  cp "$BUILD"/test/corpus/base/*.o "$BUILD"/test/corpus/base/*.a "$BUILD"/test/corpus/base/*.so "$seeds"/
  (cd "$work" && ASAN_OPTIONS=detect_leaks=0 "$OLDPWD/$FUZZ/test/fuzz/fuzz-link" "$work" "$seeds" -max_total_time="${RIVET_FUZZ_SECONDS:-60}" \
    -rss_limit_mb=4096 -timeout=20 -max_len=262144 -close_fd_mask=2 -detect_leaks=0 \
    -artifact_prefix="$work/" 2>&1 | tail -3)
  if ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* >/dev/null 2>&1; then
    echo "fuzzing found a crash: $(ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null)" >&2
    exit 1
  fi
  echo "fuzz smoke: no crash in ${RIVET_FUZZ_SECONDS:-60} s"
fi

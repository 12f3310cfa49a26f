#!/usr/bin/env bash
# Quick start, step 2: the whole test suite (installs and builds first if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --no-sample
BUILD=${RIVET_BUILD_DIR:-build}
ctest --test-dir "$BUILD" --output-on-failure -j"$(nproc)" "$@"

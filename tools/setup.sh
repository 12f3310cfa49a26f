#!/usr/bin/env bash
# Quick start, step 1: install what is missing (Debian 12), build rivet into ./build,
# then link a sample (a PIE and the versioned shared library it uses) with rivet and run it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build: cmake make pkg-config gcc libelf-dev zlib1g-dev libzstd-dev libiberty-dev (C++
# demangling) libssl-dev (libcrypto: --build-id digests); tests: g++ clang
# (also the sanitizer and fuzzer builds) lld (a reference linker) binutils elfutils
# (readelf, eu-elflint) libcriterion-dev python3 liblzma-dev (a real static archive).
PACKAGES=(cmake make pkg-config gcc g++ clang lld binutils elfutils libelf-dev zlib1g-dev
          libzstd-dev libiberty-dev libssl-dev libcriterion-dev python3 liblzma-dev)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

BUILD=${RIVET_BUILD_DIR:-build}
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${RIVET_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD" -j"$(nproc)" >/dev/null

if [ "${1:-}" != "--no-sample" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  # A shared library with a version script and a PIE that uses it, both linked by rivet.
  gcc -shared -fPIC -B"$BUILD/libexec/rivet" -Wl,--version-script=test/sample/greet.map \
    -Wl,-soname,libgreet.so.2 test/sample/greet.c -o "$out/libgreet.so.2"
  ln -s libgreet.so.2 "$out/libgreet.so"
  gcc -pie -fPIE -B"$BUILD/libexec/rivet" test/sample/hello.c -L"$out" -lgreet \
    -Wl,-rpath,"$out" -o "$out/hello"
  "$out/hello"
fi

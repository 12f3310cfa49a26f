#!/usr/bin/env bash
# C++ exceptions thrown in a shared library and caught in the executable: by the
# library's own exception class (its typeinfo must be the same object on both sides, or
# the catch clause does not match), by a std:: base class, and rethrown through a
# callback from the library into the executable. Unwinding crosses the boundary using
# the executable's .eh_frame_hdr (PT_GNU_EH_FRAME). In each executable mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >err.h <<'EOF2'
#include <stdexcept>
#include <string>
struct LibError : std::runtime_error {
  int code;
  LibError(const std::string &m, int c);
  ~LibError() override;
};
void lib_throw(int kind);
void lib_call(void (*cb)(int), int arg);
EOF2
cat >lib.cc <<'EOF2'
#include "err.h"
LibError::LibError(const std::string &m, int c) : std::runtime_error(m), code(c) {}
LibError::~LibError() {}
void lib_throw(int kind) {
  if (kind == 0) throw LibError("lib error", 42);
  if (kind == 1) throw std::out_of_range("lib range");
  throw kind;
}
void lib_call(void (*cb)(int), int arg) {
  try {
    cb(arg);
  } catch (const LibError &e) {
    throw LibError(std::string("wrapped ") + e.what(), e.code + 1);
  }
}
EOF2
cat >main.cc <<'EOF2'
#include <cstdio>
#include "err.h"
static int destroyed;
struct Guard { ~Guard() { destroyed++; } };
static void callback(int x) {
  Guard g;
  if (x) throw LibError("from callback", x);
}
int main() {
  for (int kind = 0; kind < 3; kind++) {
    try {
      Guard g;
      lib_throw(kind);
    } catch (const LibError &e) {
      std::printf("LibError %s %d\n", e.what(), e.code);
    } catch (const std::logic_error &e) {
      std::printf("logic_error %s\n", e.what());
    } catch (int v) {
      std::printf("int %d\n", v);
    }
  }
  try {
    lib_call(callback, 7);
  } catch (const std::exception &e) {
    std::printf("via callback: %s %d\n", e.what(), dynamic_cast<const LibError &>(e).code);
  }
  std::printf("destructors run: %d\n", destroyed);
  return 0;
}
EOF2
build_shlib_cxx liberr.so liberr.so lib.cc
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_cxx -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.cc
  dlink_both_cxx prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lerr
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "LibError lib error 42
logic_error lib range
int 2
via callback: wrapped from callback 8
destructors run: 4"
  [ -n "$(phdr_rows prog-"$mode".rivet GNU_EH_FRAME)" ] || fail "prog-$mode.rivet: expected a PT_GNU_EH_FRAME program header"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

#!/usr/bin/env bash
# A C++ exception thrown inside a shared object linked by rivet is caught by type in
# the executable (and an exception thrown by the executable's callback passes through
# the library's frames), which needs the library's .eh_frame, PT_GNU_EH_FRAME /
# .eh_frame_hdr and the typeinfo exported so both sides agree on it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools g++

cat >lib.h <<'EOF2'
#include <stdexcept>
#include <string>
struct LibError : std::runtime_error {
  int code;
  LibError(const std::string &m, int c) : std::runtime_error(m), code(c) {}
};
void lib_throw(int code);
int lib_call_through(int (*cb)(int), int x);
EOF2
cat >lib.cc <<'EOF2'
#include "lib.h"
#include <vector>
void lib_throw(int code) {
  std::vector<int> guard(10, code);
  if (code > 0) throw LibError("from library", code + guard[3]);
  throw std::out_of_range("negative");
}
int lib_call_through(int (*cb)(int), int x) {
  std::string local = "frame";
  return cb(x) + (int)local.size();
}
EOF2
cat >main.cc <<'EOF2'
#include "lib.h"
#include <cstdio>
static int thrower(int x) { if (x) throw 42; return 1; }
int main() {
  try { lib_throw(5); } catch (const LibError &e) { std::printf("caught LibError %s %d\n", e.what(), e.code); }
  try { lib_throw(-1); } catch (const std::logic_error &e) { std::printf("caught logic_error %s\n", e.what()); }
  try { lib_call_through(thrower, 1); } catch (int v) { std::printf("caught int %d through the library\n", v); }
  std::printf("no throw %d\n", lib_call_through(thrower, 0));
  return 0;
}
EOF2
so_link_both_cxx libexc.so -O1 lib.cc
lib=rivet/libexc.so
[ -n "$(phdr_rows $lib GNU_EH_FRAME)" ] || fail "$lib: expected a PT_GNU_EH_FRAME program header"
compile_cxx -O1 -o main.o main.cc
so_dlink_matrix_cxx prog main.o -lexc
so_run_matrix prog
so_expect_stdout prog "caught LibError from library 10
caught logic_error negative
caught int 42 through the library
no throw 6"
so_elflint_compare libexc.so

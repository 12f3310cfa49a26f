#!/usr/bin/env bash
# C++ exceptions thrown in one translation unit, caught by base class in another,
# rethrown with `throw;`, and caught again in a third, with destructors running during
# unwinding. In a static executable libgcc's unwinder finds the FDEs through
# crtbeginT.o's __register_frame_info on the start of .eh_frame, so .eh_frame must
# keep crtbeginT's contribution first and crtend.o's zero terminator last, and every
# FDE's PC range and LSDA pointer (.gcc_except_table) must be relocated correctly.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools g++
require_static_lib g++ libstdc++.a

cat >errors.h <<'EOF'
#include <exception>
#include <string>
struct BaseError : std::exception {
  explicit BaseError(int c);
  const char *what() const noexcept override;
  virtual int code() const;
  int c_;
  std::string msg_;
};
struct DerivedError : BaseError {
  explicit DerivedError(int c);
  int code() const override;
};
struct Guard {
  explicit Guard(const char *n);
  ~Guard();
  const char *name;
};
void throw_derived(int);
void throw_int();
void middle(int);
EOF
cat >errors.cc <<'EOF'
#include "errors.h"
#include <cstdio>
BaseError::BaseError(int c) : c_(c), msg_("error #" + std::to_string(c)) {}
const char *BaseError::what() const noexcept { return msg_.c_str(); }
int BaseError::code() const { return c_; }
DerivedError::DerivedError(int c) : BaseError(c) {}
int DerivedError::code() const { return c_ * 100; }
Guard::Guard(const char *n) : name(n) {}
Guard::~Guard() { std::printf("unwound %s\n", name); }
EOF
cat >thrower.cc <<'EOF'
#include "errors.h"
void throw_derived(int n) {
  Guard g("thrower");
  throw DerivedError(n);
}
void throw_int() { throw 42; }
EOF
cat >middle.cc <<'EOF'
#include "errors.h"
#include <cstdio>
void middle(int n) {
  Guard g("middle");
  try {
    throw_derived(n);
  } catch (BaseError &e) {
    std::printf("middle caught %s, rethrowing\n", e.what());
    throw;
  }
}
EOF
cat >main.cc <<'EOF'
#include "errors.h"
#include <cstdio>
#include <stdexcept>
#include <vector>
int main() {
  int caught = 0;
  try {
    middle(7);
  } catch (const BaseError &e) {
    std::printf("main caught %s code=%d derived=%d\n", e.what(), e.code(),
                dynamic_cast<const DerivedError *>(&e) != nullptr);
    caught++;
  }
  try {
    throw_int();
  } catch (int v) {
    std::printf("caught int %d\n", v);
    caught++;
  }
  try {
    std::vector<int> v(2);
    v.at(5) = 1;
  } catch (const std::out_of_range &) {
    std::printf("caught std::out_of_range from libstdc++\n");
    caught++;
  }
  std::exception_ptr saved;
  try {
    throw_derived(3);
  } catch (...) {
    saved = std::current_exception();
  }
  try {
    std::rethrow_exception(saved);
  } catch (const std::exception &e) {
    std::printf("rethrown exception_ptr: %s\n", e.what());
    caught++;
  }
  return caught;
}
EOF
for f in errors thrower middle main; do compile_cxx -O1 -o "$f.o" "$f.cc"; done
link_both_cxx exc main.o middle.o thrower.o errors.o

run_both_and_compare exc
expect_stdout exc "unwound thrower
middle caught error #7, rethrowing
unwound middle
main caught error #7 code=700 derived=1
caught int 42
caught std::out_of_range from libstdc++
unwound thrower
rethrown exception_ptr: error #3"
expect_status exc 4
elflint_compare exc

has_section exc.rivet .gcc_except_table || fail "expected a .gcc_except_table section in the output, found none"
# crtend.o's __FRAME_END__ (a zero length word) must close .eh_frame.
off=$(hex_to_dec "$(section_field exc.rivet .eh_frame off)")
size=$(hex_to_dec "$(section_field exc.rivet .eh_frame size)")
last=$(od -An -t x4 -j $((off + size - 4)) -N 4 exc.rivet | tr -d ' ')
assert_eq "$last" 00000000 "last 4 bytes of .eh_frame (crtend.o's zero terminator)"

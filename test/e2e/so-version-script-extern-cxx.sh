#!/usr/bin/env bash
# Version-script patterns inside `extern "C++" { ... }` match demangled C++ names: a
# quoted exact signature ("shapes::area(int)") and a glob over a namespace
# (shapes::detail::*) select what is global; `local: *` hides the rest, including other
# overloads. The exported set and versions equal ld.bfd's, and the executable calls
# the exported functions.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools g++

cat >lib.cc <<'EOF2'
namespace shapes {
int area(int s) { return s * s; }
int area(int w, int h) { return w * h; }
namespace detail { int helper_one() { return 1; } int helper_two() { return 2; } }
int internal_only() { return 3; }
}
extern "C" int c_entry(void) { return 4; }
EOF2
cat >lib.map <<'EOF2'
CXX_1 {
  global:
    extern "C++" {
      "shapes::area(int)";
      shapes::detail::*;
    };
    c_entry;
  local:
    *;
};
EOF2
cat >main.cc <<'EOF2'
#include <cstdio>
namespace shapes { int area(int); namespace detail { int helper_one(); int helper_two(); } }
extern "C" int c_entry(void);
int main() { std::printf("%d %d %d %d\n", shapes::area(5), shapes::detail::helper_one(), shapes::detail::helper_two(), c_entry()); return 0; }
EOF2
so_link_both_cxx libcxxv.so -O1 lib.cc -Wl,--version-script=lib.map
want=$(defined_dynsyms bfd/libcxxv.so | grep -v '^CXX_1 ')
assert_eq "$(printf '%s\n' "$want" | awk '{print $1}' | tr '\n' ' ')" "_ZN6shapes4areaEi _ZN6shapes6detail10helper_oneEv _ZN6shapes6detail10helper_twoEv c_entry " "test setup: symbols ld.bfd exports"
got=$(defined_dynsyms rivet/libcxxv.so | grep -v '^CXX_1 ' || true)
[ "$got" = "$want" ] || fail "rivet/libcxxv.so: expected the exported symbols and versions of ld.bfd's library:"$'\n'"$want"$'\n'"got:"$'\n'"$got"
compile_cxx -O1 -o main.o main.cc
so_dlink_matrix_cxx prog main.o -lcxxv
so_run_matrix prog
so_expect_stdout prog "25 1 2 4"
so_elflint_compare libcxxv.so

#!/usr/bin/env bash
# Templates and inline functions instantiated in several translation units are emitted
# in COMDAT groups; the linker keeps one copy of each group and discards the rest. The
# kept function must exist once in .symtab, every TU must get the same address for it,
# and a template's static data member / an inline function's static local must be one
# object shared by all TUs.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools g++
require_static_lib g++ libstdc++.a

cat >tmpl.h <<'EOF'
template <typename T> T twice(T x) { return x + x; }
template <typename T> struct Counter {
  static int hits;
  static void hit() { hits++; }
};
template <typename T> int Counter<T>::hits = 0;
template <typename T> struct Box {
  virtual ~Box() {}
  virtual T get() const { return v; }
  T v{};
};
inline int next_ticket() {
  static int n = 1000;
  return n++;
}
typedef int (*twice_fn)(int);
EOF
for u in one two three; do
  cat >"tu_$u.cc" <<EOF
#include "tmpl.h"
twice_fn twice_from_$u() { return &twice<int>; }
int use_$u(int x) {
  Counter<int>::hit();
  Box<int> b;
  b.v = x;
  return twice(b.get()) + next_ticket();
}
EOF
done
cat >main.cc <<'EOF'
#include <cstdio>
#include "tmpl.h"
twice_fn twice_from_one(), twice_from_two(), twice_from_three();
int use_one(int), use_two(int), use_three(int);
int main() {
  int a = use_one(1);
  int b = use_two(2);
  int c = use_three(3);
  std::printf("%d %d %d\n", a, b, c);
  std::printf("Counter<int>::hits=%d next_ticket=%d\n", Counter<int>::hits, next_ticket());
  std::printf("same twice<int>: %d %d\n", twice_from_one() == twice_from_two(),
              twice_from_two() == twice_from_three());
  std::printf("twice<int>(21)=%d\n", twice_from_three()(21));
  return 0;
}
EOF
# -O0 keeps every instantiation out of line, so each object has its own copy.
for f in tu_one tu_two tu_three main; do compile_cxx -O0 -o "$f.o" "$f.cc"; done
for f in tu_one tu_two tu_three; do
  grep -q '\.text\._Z5twiceIiET_S0_' <(readelf -SW "$f.o") ||
    fail "test setup: expected $f.o to carry its own COMDAT copy of twice<int> (.text._Z5twiceIiET_S0_)"
done
link_both_cxx tmpl main.o tu_one.o tu_two.o tu_three.o

run_both_and_compare tmpl
expect_stdout tmpl "1002 1005 1008
Counter<int>::hits=3 next_ticket=1003
same twice<int>: 1 1
twice<int>(21)=42"
expect_status tmpl 0
elflint_compare tmpl

for sym in _Z5twiceIiET_S0_ _ZN7CounterIiE4hitsE _ZN7CounterIiE3hitEv _Z11next_ticketv \
  _ZZ11next_ticketvE1n _ZTV3BoxIiE _ZNK3BoxIiE3getEv; do
  assert_eq "$(symbol_count tmpl.rivet "$sym")" 1 "number of $sym entries in .symtab (one kept COMDAT copy)"
done

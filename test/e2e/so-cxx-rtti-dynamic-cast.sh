#!/usr/bin/env bash
# RTTI across a C++ shared object boundary: objects of classes defined in the library
# are identified by typeid and dynamic_cast in the executable and vice versa (the
# executable's subclass of a library class is recognised inside the library), which
# works only if the vtables and typeinfo objects are exported and resolved to one copy.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools g++

cat >lib.h <<'EOF2'
struct Shape { virtual ~Shape(); virtual int area() const = 0; };
struct Square : Shape { int s; explicit Square(int s); int area() const override; };
Shape *make_square(int s);
const char *lib_describe(const Shape *p);
EOF2
cat >lib.cc <<'EOF2'
#include "lib.h"
#include <typeinfo>
Shape::~Shape() {}
Square::Square(int s) : s(s) {}
int Square::area() const { return s * s; }
Shape *make_square(int s) { return new Square(s); }
const char *lib_describe(const Shape *p) {
  if (dynamic_cast<const Square *>(p)) return "a Square";
  return typeid(*p) == typeid(Square) ? "typeid Square" : "something else";
}
EOF2
cat >main.cc <<'EOF2'
#include "lib.h"
#include <cstdio>
#include <typeinfo>
struct Circle : Shape { int area() const override { return 3; } };
struct BigSquare : Square { BigSquare() : Square(10) {} };
int main() {
  Shape *a = make_square(4), *b = new Circle, *c = new BigSquare;
  std::printf("%s %s %s\n", lib_describe(a), lib_describe(b), lib_describe(c));
  std::printf("exe: a is Square %d, typeid %d, c is Square %d, area %d %d %d\n", dynamic_cast<Square *>(a) != nullptr,
              typeid(*a) == typeid(Square), dynamic_cast<Square *>(c) != nullptr, a->area(), b->area(), c->area());
  delete a; delete b; delete c;
  return 0;
}
EOF2
so_link_both_cxx librtti.so -O1 lib.cc
lib=rivet/librtti.so
assert_eq "$(dynsym_count $lib _ZTI6Square)" 1 "$lib: .dynsym entries for typeinfo for Square (_ZTI6Square)"
assert_eq "$(dynsym_count $lib _ZTV6Square)" 1 "$lib: .dynsym entries for the vtable for Square (_ZTV6Square)"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_cxx -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.cc
  so_dlink_matrix_cxx prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lrtti
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode "a Square something else a Square
exe: a is Square 1, typeid 1, c is Square 1, area 16 3 100"
done
so_elflint_compare librtti.so

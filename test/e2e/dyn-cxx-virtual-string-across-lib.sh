#!/usr/bin/env bash
# C++ objects crossing the library boundary: a class hierarchy declared in a header,
# base class and one derived class in the library (vtables and typeinfo there), another
# derived class in the executable overriding virtual functions the library calls;
# std::string values passed and returned both ways; dynamic_cast and typeid across the
# boundary; a static member and an inline function's static local (vague linkage: one
# object for both modules, so the executable must export its definition, keeping the
# STB_GNU_UNIQUE binding g++ gives it). In each executable mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >shape.h <<'EOF2'
#include <memory>
#include <string>
struct Shape {
  virtual ~Shape();
  virtual std::string name() const = 0;
  virtual double area() const = 0;
  std::string describe() const;
  static int instances;
};
struct Square : Shape {
  double side;
  explicit Square(double s) : side(s) {}
  std::string name() const override;
  double area() const override;
};
inline int &shared_counter() { static int n; return n; }
std::unique_ptr<Shape> make_square(double side);
std::string lib_describe(const Shape &s);
bool lib_is_square(const Shape &s);
std::string lib_join(const std::string &a, std::string b);
EOF2
cat >lib.cc <<'EOF2'
#include "shape.h"
#include <typeinfo>
int Shape::instances = 100;
Shape::~Shape() {}
std::string Shape::describe() const { return name() + "=" + std::to_string((int)area()); }
std::string Square::name() const { return "square"; }
double Square::area() const { return side * side; }
std::unique_ptr<Shape> make_square(double side) { ++Shape::instances; ++shared_counter(); return std::make_unique<Square>(side); }
std::string lib_describe(const Shape &s) { ++shared_counter(); return "[" + s.describe() + "]"; }
bool lib_is_square(const Shape &s) { return dynamic_cast<const Square *>(&s) != nullptr && typeid(s) == typeid(Square); }
std::string lib_join(const std::string &a, std::string b) { return a + "+" + b + std::string(40, '.'); }
EOF2
cat >main.cc <<'EOF2'
#include <iostream>
#include <typeinfo>
#include <vector>
#include "shape.h"
struct Circle : Shape {
  double r;
  explicit Circle(double r) : r(r) {}
  std::string name() const override { return "circle"; }
  double area() const override { return 3 * r * r; }
};
int main() {
  std::vector<std::unique_ptr<Shape>> v;
  v.push_back(make_square(3));
  v.push_back(std::make_unique<Circle>(2));
  for (auto &s : v)
    std::cout << lib_describe(*s) << " square=" << lib_is_square(*s) << " typeid_square=" << (typeid(*s) == typeid(Square)) << "\n";
  ++Shape::instances;
  ++shared_counter();
  std::cout << "instances=" << Shape::instances << " counter=" << shared_counter() << "\n";
  std::string joined = lib_join(std::string(30, 'a'), "b");
  std::cout << joined.size() << " " << joined.substr(28, 6) << "\n";
  return 0;
}
EOF2
build_shlib_cxx libshape.so libshape.so lib.cc
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_cxx -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.cc
  dlink_both_cxx prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lshape
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "[square=9] square=1 typeid_square=1
[circle=12] square=0 typeid_square=0
instances=102 counter=4
72 aa+b.."
done
for mode in "${DYN_MODES[@]}"; do
  f=prog-$mode.rivet
  bind=$(dynsym_field "$f" _ZZ14shared_countervE1n bind)
  case "$bind" in
    UNIQUE | OS_SPECIFIC_10) ;; # readelf names STB_GNU_UNIQUE only when EI_OSABI is GNU
    *) fail "$f: expected the inline function's static local _ZZ14shared_countervE1n exported with binding STB_GNU_UNIQUE (10) as in ld.bfd's output ($(dynsym_field prog-"$mode".bfd _ZZ14shared_countervE1n bind)), got '${bind:-not exported}'" ;;
  esac
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

#!/usr/bin/env bash
# RTTI across translation units: typeid of objects whose classes are defined (with their
# key functions, vtables and typeinfo) in another TU, type_info equality between TUs,
# dynamic_cast down, across (multiple inheritance) and to void*. The vtable's
# offset-to-top and typeinfo pointers and the __si/__vmi_class_type_info base tables
# are all data relocations the linker must get right.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools g++
require_static_lib g++ libstdc++.a

cat >shapes.h <<'EOF'
#include <typeinfo>
struct Shape {
  virtual ~Shape();
  virtual int sides() const = 0;
};
struct Named {
  virtual ~Named();
  virtual const char *label() const;
  int tag = 77;
};
struct Square : Shape {
  int sides() const override;
};
struct Circle : Shape, Named {
  int sides() const override;
  const char *label() const override;
};
Shape *make_shape(int which);
const std::type_info &circle_type_from_shapes_tu();
EOF
cat >shapes.cc <<'EOF'
#include "shapes.h"
Shape::~Shape() {}
Named::~Named() {}
const char *Named::label() const { return "named"; }
int Square::sides() const { return 4; }
int Circle::sides() const { return 0; }
const char *Circle::label() const { return "circle"; }
Shape *make_shape(int which) {
  if (which == 0) return new Square;
  return new Circle;
}
const std::type_info &circle_type_from_shapes_tu() { return typeid(Circle); }
EOF
cat >main.cc <<'EOF'
#include <cstdio>
#include "shapes.h"
int main() {
  for (int i = 0; i < 2; i++) {
    Shape *s = make_shape(i);
    std::printf("typeid name: %s, sides=%d\n", typeid(*s).name(), s->sides());
    std::printf("  is Square: %d, is Circle: %d\n", dynamic_cast<Square *>(s) != nullptr,
                dynamic_cast<Circle *>(s) != nullptr);
    Named *n = dynamic_cast<Named *>(s); /* cross-cast between the two bases */
    std::printf("  cross-cast to Named: %s", n ? n->label() : "(null)");
    if (n) std::printf(" tag=%d", n->tag);
    std::printf("\n  dynamic_cast<void*> == object start: %d\n",
                dynamic_cast<void *>(s) == static_cast<void *>(s));
    std::printf("  typeid == typeid(Circle) from shapes TU: %d\n",
                typeid(*s) == circle_type_from_shapes_tu());
    delete s;
  }
  std::printf("typeid(Circle) local == other TU: %d, hash equal: %d\n",
              typeid(Circle) == circle_type_from_shapes_tu(),
              typeid(Circle).hash_code() == circle_type_from_shapes_tu().hash_code());
  return 0;
}
EOF
compile_cxx -O1 -o shapes.o shapes.cc
compile_cxx -O1 -o main.o main.cc
link_both_cxx rtti main.o shapes.o

run_both_and_compare rtti
expect_stdout rtti "typeid name: 6Square, sides=4
  is Square: 1, is Circle: 0
  cross-cast to Named: (null)
  dynamic_cast<void*> == object start: 1
  typeid == typeid(Circle) from shapes TU: 0
typeid name: 6Circle, sides=0
  is Square: 0, is Circle: 1
  cross-cast to Named: circle tag=77
  dynamic_cast<void*> == object start: 1
  typeid == typeid(Circle) from shapes TU: 1
typeid(Circle) local == other TU: 1, hash equal: 1"
expect_status rtti 0
elflint_compare rtti

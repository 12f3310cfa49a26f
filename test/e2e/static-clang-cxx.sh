#!/usr/bin/env bash
# C++ compiled by clang++ and linked through the clang++ driver with --ld-path=ld.rivet
# against libstdc++.a: iostreams, virtual calls, an exception across translation units,
# and inline functions emitted as COMDAT by clang.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools clang++
require_static_lib clang++ libstdc++.a

cat >animal.h <<'EOF'
#include <string>
struct Animal {
  virtual ~Animal() = default;
  virtual std::string sound() const = 0;
};
Animal *make(int);
void must_be_positive(int);
inline int shared_inline(int x) { return x * 11; }
EOF
cat >animal.cc <<'EOF'
#include "animal.h"
#include <stdexcept>
struct Dog : Animal { std::string sound() const override { return "woof"; } };
struct Cat : Animal { std::string sound() const override { return "meow"; } };
Animal *make(int i) { return i ? static_cast<Animal *>(new Cat) : new Dog; }
void must_be_positive(int v) {
  if (v <= 0) throw std::invalid_argument("not positive: " + std::to_string(v) + " " + std::to_string(shared_inline(v)));
}
EOF
cat >main.cc <<'EOF'
#include "animal.h"
#include <iostream>
#include <memory>
#include <stdexcept>
int main() {
  for (int i = 0; i < 2; i++) {
    std::unique_ptr<Animal> a(make(i));
    std::cout << i << ": " << a->sound() << '\n';
  }
  try {
    must_be_positive(3);
    must_be_positive(-2);
  } catch (const std::invalid_argument &e) {
    std::cout << "caught: " << e.what() << '\n';
  }
  std::cout << "inline: " << shared_inline(4) << std::endl;
  return 0;
}
EOF
compile_clangxx -O1 -o animal.o animal.cc
compile_clangxx -O1 -o main.o main.cc
link_both_clangxx clangxx main.o animal.o

run_both_and_compare clangxx
expect_stdout clangxx "0: woof
1: meow
caught: not positive: -2 -22
inline: 44"
expect_status clangxx 0
elflint_compare clangxx

#!/usr/bin/env bash
# A C++ program linked by clang++ with --ld-path=ld.rivet against libstdc++.so: std::cout,
# std::string, std::vector and an exception thrown and caught in the program, in clang's
# default mode and -fno-pic -no-pie.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools clang++

cat >hello.cc <<'EOF2'
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>
int main(int argc, char **argv) {
  std::vector<std::string> v;
  for (int i = 0; i < argc; i++) v.push_back(i ? std::string(argv[i]) : std::string("prog"));
  std::string joined;
  for (auto &s : v) joined += s + ",";
  std::cout << "args: " << joined << " n=" << v.size() << std::endl;
  try {
    throw std::runtime_error("boom " + std::to_string(argc));
  } catch (const std::exception &e) {
    std::cout << "caught " << e.what() << std::endl;
  }
  return 3;
}
EOF2
compile_clangxx -O1 -o hello-pie.o hello.cc
dlink_both_clangxx hello-pie hello-pie.o
compile_clangxx -O1 -fno-pic -o hello-nopie.o hello.cc
dlink_both_clangxx hello-nopie -no-pie hello-nopie.o

for m in pie nopie; do
  run_both_and_compare hello-$m a bc
  expect_stdout hello-$m "args: prog,a,bc, n=3
caught boom 3"
  expect_status hello-$m 3
  needed=$(dynamic_values hello-$m.rivet NEEDED)
  assert_contains "$needed" "libstdc++.so.6" "DT_NEEDED of hello-$m.rivet"
done
for m in pie nopie; do elflint_compare hello-$m; done

#!/usr/bin/env bash
# C++ iostreams in a static program: std::cin/std::cout/std::cerr are set up by
# libstdc++'s static initialisers (ios_base::Init), locale facets come from COMDAT
# guard variables and vtables, and the whole of libstdc++.a is linked in.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools g++
require_static_lib g++ libstdc++.a

cat >words.cc <<'EOF'
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

int main() {
  std::map<std::string, int> counts;
  std::vector<std::string> order;
  std::string word;
  long sum = 0;
  while (std::cin >> word) {
    std::istringstream num(word);
    long n;
    if (num >> n && num.eof()) {
      sum += n;
      continue;
    }
    if (counts[word]++ == 0) order.push_back(word);
  }
  std::ostringstream out;
  for (const auto &w : order) out << w << '=' << counts[w] << ' ';
  std::cout << "words: " << out.str() << '\n';
  std::cout << "sum: " << sum << std::endl;
  std::cout << std::hex << std::showbase << 255 << std::dec << ' ' << 3.5 << '\n';
  std::cerr << "done" << std::endl;
  return static_cast<int>(order.size());
}
EOF
printf 'apple 10 banana apple\n-4 cherry banana apple 30\n' >input.txt
compile_cxx -O2 -o words.o words.cc
link_both_cxx words words.o

run_both_and_compare words --stdin input.txt
expect_stdout words "words: apple=3 banana=2 cherry=1 
sum: 36
0xff 3.5"
expect_status words 3
assert_eq "$(cat words.rivet.stderr)" "done" "stderr of the rivet-linked program"
elflint_compare words

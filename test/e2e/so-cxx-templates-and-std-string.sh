#!/usr/bin/env bash
# A C++ shared object that passes std::string, std::vector and std::map across its
# interface and instantiates templates that the executable instantiates too (COMDAT /
# vague linkage: one static data member per template, unified across the boundary by
# the loader, and inline functions with a static local): the counters the library and
# the executable bump are the same object.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools g++

cat >lib.h <<'EOF2'
#include <map>
#include <string>
#include <vector>
template <typename T> struct Registry { static int count; static void add() { ++count; } };
template <typename T> int Registry<T>::count = 0;
inline int &shared_counter() { static int c = 0; return c; }
std::string lib_join(const std::vector<std::string> &parts, const std::string &sep);
std::map<std::string, int> lib_count_words(const std::string &text);
void lib_register();
EOF2
cat >lib.cc <<'EOF2'
#include "lib.h"
#include <sstream>
std::string lib_join(const std::vector<std::string> &parts, const std::string &sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); i++) out += (i ? sep : "") + parts[i];
  return out;
}
std::map<std::string, int> lib_count_words(const std::string &text) {
  std::map<std::string, int> m;
  std::istringstream in(text);
  for (std::string w; in >> w;) m[w]++;
  return m;
}
void lib_register() { Registry<int>::add(); Registry<std::string>::add(); shared_counter() += 10; }
EOF2
cat >main.cc <<'EOF2'
#include "lib.h"
#include <cstdio>
int main() {
  std::string long_sep = " <-- a separator long enough to live on the heap --> ";
  std::string j = lib_join({"alpha", "beta", "gamma"}, long_sep);
  std::printf("%s\n", j.c_str());
  for (auto &kv : lib_count_words("b a b c b a")) std::printf("%s=%d ", kv.first.c_str(), kv.second);
  std::printf("\n");
  Registry<int>::add();
  shared_counter() += 1;
  lib_register();
  lib_register();
  std::printf("Registry<int> %d Registry<string> %d counter %d\n", Registry<int>::count, Registry<std::string>::count, shared_counter());
  return 0;
}
EOF2
so_link_both_cxx libtmpl.so -O1 lib.cc
compile_cxx -O1 -o main.o main.cc
so_dlink_matrix_cxx prog main.o -ltmpl
so_run_matrix prog
so_expect_stdout prog "alpha <-- a separator long enough to live on the heap --> beta <-- a separator long enough to live on the heap --> gamma
a=2 b=3 c=1 
Registry<int> 3 Registry<string> 2 counter 21"
lib=rivet/libtmpl.so
assert_eq "$(dynsym_count $lib _ZN8RegistryIiE5countE)" 1 "$lib: .dynsym entries for Registry<int>::count"
so_elflint_compare libtmpl.so

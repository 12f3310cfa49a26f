#!/usr/bin/env bash
# C++ iostreams against libstdc++.so in each executable mode. -fno-pic -no-pie code
# refers to std::cout directly, so the executable gets a COPY of it (R_X86_64_COPY against
# _ZSt4cout) and libstdc++'s own references must land on that copy: output written
# through std::cout by the executable and by libstdc++ (std::endl, operator<< of
# std::string, a flush at exit) must come out once and in order.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.cc <<'EOF2'
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
int main(int argc, char **) {
  std::string s = "hello";
  std::cout << s << ", iostream " << argc << std::endl;
  std::ostringstream os;
  os << std::setw(6) << std::setfill('*') << 42 << std::hex << " " << 255;
  std::cout << os.str() << '\n';
  std::cout.setf(std::ios::showpos);
  std::cout << 7 << std::endl;
  std::cerr << "to cerr" << std::endl;
  std::cout << "unflushed at exit";
  return 0;
}
EOF2
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_cxx -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.cc
  dlink_both_cxx prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o
  run_both_and_compare prog-"$mode" x
  printf 'hello, iostream 2\n****42 ff\n+7\nunflushed at exit' >prog-"$mode".expected
  cmp -s prog-"$mode".expected prog-"$mode".rivet.stdout ||
    fail "prog-$mode.rivet: expected stdout (-) differs from what it printed (+):"$'\n'"$(diff -u prog-"$mode".expected prog-"$mode".rivet.stdout || true)"
  assert_eq "$(cat prog-"$mode".rivet.stderr)" "to cerr" "stderr of prog-$mode.rivet"
done
assert_eq "$(dyn_reloc_count prog-nopie.rivet R_X86_64_COPY _ZSt4cout)" 1 "prog-nopie.rivet: COPY relocations against std::cout (_ZSt4cout)"
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

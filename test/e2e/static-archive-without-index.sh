#!/usr/bin/env bash
# An archive built without a symbol index (ar S) still provides its members through
# their symbol tables, and a member that is never extracted does not take part in the
# link: its COMDAT group (an inline function also defined by main.o) must not displace
# main.o's copy, even though the archive comes first on the command line. (ld.bfd
# refuses index-less archives; ld.lld, like rivet, reads the members' symbol tables.)
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.cc <<'EOF2'
#include <cstdio>
inline int shared_inline() { return 1; }
int helper();
int main() { std::printf("%d %d\n", shared_inline(), helper()); return 0; }
EOF2
cat >helper.cc <<'EOF2'
int helper() { return 7; }
EOF2
cat >unused.cc <<'EOF2'
inline int shared_inline() { return 2; } // never extracted: its copy must not be used
int unused_entry() { return shared_inline(); }
EOF2
compile_cxx -O0 -o main.o main.cc
compile_cxx -O0 -o helper.o helper.cc
compile_cxx -O0 -o unused.o unused.cc
rm -f libnoidx.a
run ar rcS libnoidx.a unused.o helper.o
if readelf -W -s libnoidx.a 2>/dev/null | grep -q "Index of archive"; then
  fail "test setup: expected libnoidx.a to have no symbol index"
fi
link_rivet_cxx prog.rivet libnoidx.a main.o libnoidx.a
assert_eq "$(./prog.rivet)" "1 7" "output (main.o's inline function, the archive's helper)"
if command -v ld.lld >/dev/null; then
  run g++ -static -fuse-ld=lld -o prog.lld libnoidx.a main.o libnoidx.a
  assert_eq "$(./prog.rivet)" "$(./prog.lld)" "rivet's output against ld.lld's"
fi

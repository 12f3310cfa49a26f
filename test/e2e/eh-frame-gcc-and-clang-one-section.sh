#!/usr/bin/env bash
# gcc writes .eh_frame as SHT_PROGBITS, clang as SHT_X86_64_UNWIND (psABI). A program
# of both kinds of objects (a clang C++ file with gcc's crt files, or a gcc and a clang
# object) has one .eh_frame, typed SHT_X86_64_UNWIND (GNU ld), and .eh_frame_hdr
# indexes every FDE in it; exceptions thrown in either kind's code are caught. Before,
# two .eh_frame output sections were made and .eh_frame_hdr indexed one of them only.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools clang++ readelf

cat >a.cc <<'EOF'
#include <stdexcept>
__attribute__((noinline)) void from_gcc(int x) { if (x) throw std::runtime_error("gcc"); }
EOF
cat >b.cc <<'EOF'
#include <cstdio>
#include <stdexcept>
void from_gcc(int);
__attribute__((noinline)) void from_clang(int x) { if (x) throw std::runtime_error("clang"); }
int main(int argc, char **) {
  try { from_gcc(argc); } catch (const std::exception &e) { std::printf("caught %s\n", e.what()); }
  try { from_clang(argc); } catch (const std::exception &e) { std::printf("caught %s\n", e.what()); }
}
EOF
compile_cxx -O1 -o a.o a.cc
compile_clangxx -O1 -o b.o b.cc
readelf -SW b.o | grep -q 'eh_frame *X86_64_UNWIND' || skip "this clang writes .eh_frame as PROGBITS"
run g++ -B"$RIVET_LIBEXEC/" -o prog a.o b.o
assert_eq "$(./prog)" "$(printf 'caught gcc\ncaught clang')" "exceptions of both objects"
sections=$(readelf -SW prog | grep -c ' \.eh_frame ')
assert_eq "$sections" 1 ".eh_frame output sections"
readelf -SW prog | grep -q ' \.eh_frame *X86_64_UNWIND' || fail ".eh_frame is not SHT_X86_64_UNWIND"
# Every FDE of .eh_frame is in .eh_frame_hdr's table (its size: 12 + 8 per FDE).
fdes=$(readelf --debug-dump=frames prog | grep -c ' FDE ')
hdr=$(readelf -SW prog | awk '$2 == ".eh_frame_hdr" {print $6}')
assert_eq "$(( (0x$hdr - 12) / 8 ))" "$fdes" ".eh_frame_hdr entries (FDEs in .eh_frame)"

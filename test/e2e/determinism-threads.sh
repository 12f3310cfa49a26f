#!/usr/bin/env bash
# The same inputs and options give byte-identical output across runs and thread
# counts (--threads=1, 2, 8, --no-threads), for a static C++ program, a PIE and a
# shared object, each with a build-id (which hashes the whole image).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >a.cc <<'EOF2'
#include <iostream>
#include <map>
#include <string>
std::map<std::string, int> table() { return {{"one", 1}, {"two", 2}}; }
extern "C" int lib_value(int);
int main() {
  for (auto &kv : table()) std::cout << kv.first << "=" << kv.second << "\n";
  return lib_value(3) == 4 ? 0 : 1;
}
EOF2
cat >lib.c <<'EOF2'
__thread int t = 1;
int lib_value(int x) { return x + t; }
EOF2
compile_cxx -O1 -c -o a.o a.cc
compile_c -O1 -fPIC -c -o lib.o lib.c
flavours=("static" "pie" "shared")
for f in "${flavours[@]}"; do
  for threads in --threads=1 --threads=2 --threads=8 --no-threads --threads=2; do
    case $f in
    static) run g++ -static -B"$RIVET_LIBEXEC/" -Wl,--build-id -Wl,"$threads" -o "$f$threads" a.o lib.o ;;
    pie) run g++ -B"$RIVET_LIBEXEC/" -Wl,--build-id -Wl,"$threads" -o "$f$threads" a.o lib.o ;;
    shared) run gcc -shared -B"$RIVET_LIBEXEC/" -Wl,--build-id -Wl,"$threads" -o "$f$threads" lib.o ;;
    esac
    if [ -e "$f.ref" ]; then
      cmp -s "$f.ref" "$f$threads" || fail "$f output with $threads differs from the first link: $(cmp "$f.ref" "$f$threads" | head -1)"
    else
      cp "$f$threads" "$f.ref"
    fi
  done
done
./static--threads=1 >/dev/null || fail "the static program does not run"
./pie--threads=8 >/dev/null || fail "the PIE does not run"

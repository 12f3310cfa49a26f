#!/usr/bin/env bash
# -z pack-relative-relocs (and lld's --pack-dyn-relocs=relr): every RELATIVE relocation
# at a word-aligned place moves to .relr.dyn. For a C PIE full of pointers, a C++ PIE
# (vtables, typeinfo, exceptions), a shared object and a static PIE:
#  - the packed program runs and prints what the unpacked one prints;
#  - readelf -r shows no R_X86_64_RELATIVE left at an aligned offset;
#  - the addresses decoded from .relr.dyn (decoder below, not the linker's) are exactly
#    the places of the unpacked link's RELATIVE relocations, compared as (output
#    section, offset in it) since packing may move whole segments;
#  - DT_RELR/DT_RELRSZ/DT_RELRENT are present and libc's GLIBC_ABI_DT_RELR is needed.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools python3

cat >decode.py <<'EOF2'
import struct, subprocess, sys
path = sys.argv[1]
sec = None
for line in subprocess.run(["readelf", "-SW", path], capture_output=True, text=True).stdout.splitlines():
    f = line.replace("[ ", "[").split()
    if len(f) > 6 and f[1] == ".relr.dyn":
        sec = (int(f[4], 16), int(f[5], 16))
if sec is None:
    sys.exit("no .relr.dyn in " + path)
data = open(path, "rb").read()[sec[0]:sec[0] + sec[1]]
out, base = [], 0
for (w,) in struct.iter_unpack("<Q", data):
    if w & 1 == 0:
        out.append(w)
        base = w + 8
    else:
        for bit in range(1, 64):
            if w >> bit & 1:
                out.append(base + (bit - 1) * 8)
        base += 63 * 8
print("\n".join("%x" % a for a in sorted(set(out))))
EOF2

relatives() { # FILE: offsets of R_X86_64_RELATIVE in .rela.dyn, sorted, hex without 0x
  readelf -W -r "$1" | awk '$3 == "R_X86_64_RELATIVE" { sub(/^0+/, "", $1); print $1 }' | sort -u
}

cat >place.py <<'EOF2'
import subprocess, sys
# FILE < hex addresses: print "section+offset" for each, sorted.
secs = []
for line in subprocess.run(["readelf", "-SW", sys.argv[1]], capture_output=True, text=True).stdout.splitlines():
    f = line.replace("[ ", "[").split()
    if len(f) > 6 and f[0][:1] == "[" and f[0][1:2].isdigit() and f[0] != "[0]":
        secs.append((f[1], int(f[3], 16), int(f[5], 16)))
out = []
for a in sys.stdin.read().split():
    a = int(a, 16)
    hit = [s for s in secs if s[1] <= a < s[1] + s[2] and s[1] != 0]
    out.append("%s+%x" % (hit[0][0], a - hit[0][1]) if hit else "?%x" % a)
print("\n".join(sorted(out)))
EOF2

cat >pie.c <<'EOF2'
#include <stdio.h>
static const char *names[] = {"alpha", "beta", "gamma", "delta", "epsilon"};
static int values[64];
static int *ptrs[64];
struct node { struct node *next; const char *name; } nodes[40];
int main(void) {
  for (int i = 0; i < 64; i++) ptrs[i] = &values[63 - i];
  for (int i = 0; i < 40; i++) { nodes[i].next = i < 39 ? &nodes[i + 1] : 0; nodes[i].name = names[i % 5]; }
  for (int i = 0; i < 64; i++) *ptrs[i] = i;
  int n = 0;
  for (struct node *p = nodes; p; p = p->next) n += p->name[0];
  printf("%d %d %s\n", values[0], n, names[4]);
  return 0;
}
EOF2
cat >cxx.cc <<'EOF2'
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>
struct Base { virtual ~Base() {} virtual std::string name() const = 0; };
struct A : Base { std::string name() const override { return "A"; } };
struct B : Base { std::string name() const override { return "B"; } };
int main() {
  std::vector<Base *> v{new A, new B, new A};
  std::string s;
  for (auto *b : v) s += b->name();
  try { throw std::runtime_error(s); } catch (const std::exception &e) { std::cout << e.what() << "\n"; }
  return 0;
}
EOF2
cat >lib.c <<'EOF2'
static int table[32];
int *slots[32] = {&table[0], &table[1], &table[2], &table[3], &table[31]};
const char *greeting = "hello";
int lib_sum(void) { int s = 0; for (int i = 0; i < 5; i++) s += slots[i] - table; return s; }
EOF2
cat >uselib.c <<'EOF2'
#include <stdio.h>
extern const char *greeting;
int lib_sum(void);
int main(void) { printf("%s %d\n", greeting, lib_sum()); return 0; }
EOF2

compile_c -O1 -fPIE -c -o pie.o pie.c
compile_cxx -O1 -fPIE -c -o cxx.o cxx.cc
compile_c -O1 -fPIC -c -o lib.o lib.c
compile_c -O1 -fPIE -c -o uselib.o uselib.c

check_pair() { # NAME: NAME.plain and NAME.relr exist
  local name=$1
  relatives "$name.plain" | python3 place.py "$name.plain" >"$name.want"
  [ -s "$name.want" ] || fail "$name.plain: expected RELATIVE relocations to pack"
  python3 decode.py "$name.relr" | python3 place.py "$name.relr" >"$name.got"
  diff -u "$name.want" "$name.got" >"$name.diff" ||
    fail "$name: .relr.dyn decodes to other addresses than the unpacked RELATIVE offsets:"$'\n'"$(head -20 "$name.diff")"
  local left
  left=$(readelf -W -r "$name.relr" | awk '$3 == "R_X86_64_RELATIVE" { print $1 }' |
    while read -r off; do [ $((0x$off % 8)) = 0 ] && echo "$off"; done)
  [ -z "$left" ] || fail "$name.relr: RELATIVE relocations left at aligned offsets: $left"
  local tags
  tags=$(readelf -W -d "$name.relr")
  for t in RELR RELRSZ RELRENT; do
    grep -q "($t)" <<<"$tags" || fail "$name.relr: expected DT_$t in the dynamic section"
  done
}

run gcc -B"$RIVET_LIBEXEC/" -o pie.plain pie.o
run gcc -B"$RIVET_LIBEXEC/" -o pie.relr pie.o -Wl,-z,pack-relative-relocs
run g++ -B"$RIVET_LIBEXEC/" -o cxx.plain cxx.o
run g++ -B"$RIVET_LIBEXEC/" -o cxx.relr cxx.o -Wl,--pack-dyn-relocs=relr
run gcc -shared -B"$RIVET_LIBEXEC/" -o lib.plain lib.o
run gcc -shared -B"$RIVET_LIBEXEC/" -o lib.relr lib.o -Wl,-z,pack-relative-relocs
run gcc -static-pie -B"$RIVET_LIBEXEC/" -o spie.plain pie.o
run gcc -static-pie -B"$RIVET_LIBEXEC/" -o spie.relr pie.o -Wl,-z,pack-relative-relocs
for n in pie cxx spie; do
  assert_eq "$(./$n.relr)" "$(./$n.plain)" "output of the packed $n program"
  check_pair "$n"
done
check_pair lib
mkdir -p plain relr
cp lib.plain plain/liblib.so
cp lib.relr relr/liblib.so
run gcc -fuse-ld=bfd -o uselib uselib.o -Lplain -llib
assert_eq "$(LD_LIBRARY_PATH=relr ./uselib)" "$(LD_LIBRARY_PATH=plain ./uselib)" "a program using the packed shared object"

readelf -W -V pie.relr | grep -q "Name: GLIBC_ABI_DT_RELR" ||
  fail "pie.relr: expected a version need for GLIBC_ABI_DT_RELR (glibc refuses DT_RELR it cannot apply)"
if readelf -W -V pie.plain | grep -q GLIBC_ABI_DT_RELR; then
  fail "pie.plain: GLIBC_ABI_DT_RELR needed without -z pack-relative-relocs"
fi

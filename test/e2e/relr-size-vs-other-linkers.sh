#!/usr/bin/env bash
# A PIE with tens of thousands of pointers in data (string tables, tables of function
# pointers, a C++ class hierarchy's vtables): rivet's packed dynamic relocations
# (.relr.dyn + what stays in .rela.dyn) must be no larger than ld.lld's
# (--pack-dyn-relocs=relr) or ld.bfd's (-z pack-relative-relocs), and the program runs.
# The figures are printed for the record.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools python3 ld.lld

python3 - <<'EOF2'
import random
random.seed(7)
with open("big.c", "w") as f:
    f.write("#include <stdio.h>\n")
    for i in range(2000):
        f.write("static int fn%d(int x) { return x + %d; }\n" % (i, i))
    f.write("static int (*const fns[])(int) = {%s};\n" % ", ".join("fn%d" % (i % 2000) for i in range(8000)))
    f.write("static const char *const words[] = {%s};\n" % ", ".join('"w%d"' % i for i in range(12000)))
    f.write("struct rec { const char *name; int (*fn)(int); const struct rec *next; };\n")
    f.write("static const struct rec recs[4000] = {%s};\n" % ", ".join(
        '{"r%d", fn%d, &recs[%d]}' % (i, random.randrange(2000), (i + 1) % 4000) for i in range(4000)))
    f.write("static const char *sparse[3000];\n")
    f.write("int main(void) { long s = 0; for (int i = 0; i < 8000; i++) s += fns[i](1);\n"
            "  for (int i = 0; i < 12000; i++) s += words[i][1];\n"
            "  const struct rec *r = &recs[0]; for (int i = 0; i < 4000; i++) { s += r->fn(2) + r->name[1]; r = r->next; }\n"
            "  sparse[5] = words[3]; printf(\"%ld %s\\n\", s, sparse[5]); return 0; }\n")
with open("vt.cc", "w") as f:
    for i in range(600):
        f.write("struct C%d { virtual ~C%d() {} virtual int f() { return %d; } virtual int g() { return %d; } };\n" % (i, i, i, 2 * i))
    f.write("int vt_sum() { int s = 0;\n")
    for i in range(600):
        f.write("  { C%d c; C%d *p = &c; s += p->f() + p->g(); }\n" % (i, i))
    f.write("  return s; }\n")
EOF2
compile_c -O1 -fPIE -c -o big.o big.c
compile_cxx -O1 -fPIE -c -o vt.o vt.cc

packed_bytes() { # FILE: .relr.dyn + .rela.dyn bytes
  local total=0 size
  for size in $(readelf -SW "$1" | sed 's/\[ */[/' | awk '$2 == ".relr.dyn" || $2 == ".rela.dyn" { print $6 }'); do
    total=$((total + 16#$size))
  done
  echo "$total"
}
run g++ -B"$RIVET_LIBEXEC/" -o prog.rivet big.o vt.o -Wl,-z,pack-relative-relocs
run g++ -fuse-ld=lld -o prog.lld big.o vt.o -Wl,--pack-dyn-relocs=relr
run g++ -fuse-ld=bfd -o prog.bfd big.o vt.o -Wl,-z,pack-relative-relocs
run g++ -B"$RIVET_LIBEXEC/" -o prog.rivet-plain big.o vt.o
assert_eq "$(./prog.rivet)" "$(./prog.bfd)" "output of the packed program"
r=$(packed_bytes prog.rivet)
l=$(packed_bytes prog.lld)
b=$(packed_bytes prog.bfd)
u=$(packed_bytes prog.rivet-plain)
relatives=$(readelf -W -r prog.rivet-plain | grep -c R_X86_64_RELATIVE)
note "RELATIVE relocations: $relatives; .rela.dyn unpacked (rivet): $u bytes; packed .relr.dyn+.rela.dyn: rivet $r, lld $l, bfd $b"
[ "$relatives" -gt 20000 ] || fail "expected tens of thousands of RELATIVE relocations, got $relatives"
[ "$r" -le "$l" ] || fail "rivet's packed relocations ($r bytes) are larger than ld.lld's ($l bytes)"
[ "$r" -le "$b" ] || fail "rivet's packed relocations ($r bytes) are larger than ld.bfd's ($b bytes)"

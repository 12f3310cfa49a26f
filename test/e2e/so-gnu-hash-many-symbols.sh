#!/usr/bin/env bash
# A shared object exporting 20,000 functions (enough for .gnu.hash's bucket sort to
# run on all threads): the loader finds every one of them by name (dlsym walks the
# .gnu.hash chains), the hashed .dynsym entries are grouped by bucket and, within a
# bucket, keep the order the object defines them in, the bloom filter and chains
# agree with each symbol's hash, the names are ld.bfd's, and --threads=1, 2 and 16
# write the same file.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools python3

n=20000
python3 - "$n" <<'EOF2'
import sys
n = int(sys.argv[1])
with open("lib.c", "w") as out:
    for i in range(n):
        out.write("int fn_%d(void) { return %d; }\n" % (i, i))
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 0, found = 0;
  void *h = dlopen("./libmany.so", RTLD_NOW);
  if (!h) { printf("dlopen failed: %s\n", dlerror()); return 1; }
  for (int i = 0; i < n; i++) {
    char name[32];
    snprintf(name, sizeof name, "fn_%d", i);
    int (*f)(void) = (int (*)(void))dlsym(h, name);
    found += f && f() == i;
  }
  printf("%d found, fn_missing %s\n", found, dlsym(h, "fn_missing") ? "found" : "not found");
  return 0;
}
EOF2
sed -i '1i #include <stdlib.h>' main.c
compile_c -O1 -fPIC -o lib.o lib.c
for t in 1 2 16; do
  so_link_rivet libmany.so.t$t lib.o -Wl,--threads=$t,--hash-style=gnu
done
cmp libmany.so.t1 libmany.so.t2 || fail "the shared object differs between --threads=1 and 2"
cmp libmany.so.t1 libmany.so.t16 || fail "the shared object differs between --threads=1 and 16"
cp libmany.so.t2 libmany.so
run gcc -o main main.c -ldl
assert_eq "$(./main $n)" "$n found, fn_missing not found" "symbols the loader finds by name"

# Against ld.bfd: the same exported names, and the program finds all of them there too.
so_link_bfd libmany.so.bfd lib.o -Wl,--hash-style=gnu
dynsym_names() { readelf --dyn-syms -W "$1" | awk '$7 != "UND" && $8 ~ /^fn_/ { print $8 }' | sort; }
dynsym_names libmany.so >names.rivet
dynsym_names libmany.so.bfd >names.bfd
cmp names.rivet names.bfd || fail "exported names differ from ld.bfd's:"$'\n'"$(diff names.rivet names.bfd | head)"
assert_eq "$(wc -l <names.rivet)" "$n" "exported fn_ names"
cp libmany.so.bfd libmany.so
assert_eq "$(./main $n)" "$n found, fn_missing not found" "symbols found in ld.bfd's library (the check itself)"
cp libmany.so.t2 libmany.so

# The table itself, read from the file.
python3 - libmany.so <<'EOF2' || fail "the .gnu.hash table is wrong (above)"
import struct, sys
data = open(sys.argv[1], "rb").read()
shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
secs = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
def by_type(t):
    return [s for s in secs if s[1] == t][0]
dynsym, gnu_hash = by_type(11), by_type(0x6ffffff6)
dynstr = secs[dynsym[6]]
def name(off):
    start = dynstr[4] + off
    return data[start:data.index(b"\0", start)].decode()
syms = [struct.unpack_from("<IBBHQQ", data, dynsym[4] + i * 24) for i in range(dynsym[5] // 24)]
nbuckets, symoffset, bloom_size, shift = struct.unpack_from("<IIII", data, gnu_hash[4])
buckets_at = gnu_hash[4] + 16 + 8 * bloom_size
buckets = struct.unpack_from("<%dI" % nbuckets, data, buckets_at)
chains_at = buckets_at + 4 * nbuckets
def gnu_hash_of(s):
    h = 5381
    for c in s.encode():
        h = (h * 33 + c) & 0xffffffff
    return h
errors = []
previous = None
for i in range(symoffset, len(syms)):
    nm = name(syms[i][0])
    h = gnu_hash_of(nm)
    b = h % nbuckets
    chain, = struct.unpack_from("<I", data, chains_at + 4 * (i - symoffset))
    if chain & ~1 != h & ~1:
        errors.append("chain word of %s is %#x, its hash %#x" % (nm, chain, h))
    if previous is not None:
        pb, pnum = previous
        num = int(nm[3:]) if nm.startswith("fn_") else None
        if b < pb:
            errors.append("%s (bucket %d) after bucket %d" % (nm, b, pb))
        elif b == pb and num is not None and pnum is not None and num < pnum:
            errors.append("%s after fn_%d in bucket %d: not in definition order" % (nm, pnum, b))
    if buckets[b] > i or (i > symoffset and previous[0] != b and buckets[b] != i):
        errors.append("bucket %d starts at %d, %s is at %d" % (b, buckets[b], nm, i))
    previous = (b, int(nm[3:]) if nm.startswith("fn_") else None)
hashed = len(syms) - symoffset
if hashed < 20000:
    errors.append("only %d hashed symbols" % hashed)
for e in errors[:10]:
    print(e)
sys.exit(1 if errors else 0)
EOF2
echo PASS

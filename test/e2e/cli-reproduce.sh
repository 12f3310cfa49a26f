#!/usr/bin/env bash
# --reproduce=FILE.tar (lld): the tar holds every file the link read under a directory
# named after it, a response.txt naming those copies, and version.txt; unpacked
# elsewhere (the original inputs moved away), `ld.rivet @response.txt` in that
# directory links a byte-identical output. The link covers objects named by relative
# paths, an archive found by -L/-l, a shared library, a version script, -Map, options
# whose value may only follow '=' (--build-id=sha1, --why-extract=FILE, --threads=2)
# and -R FILE (--just-symbols: the file is bundled, not taken for a run path). (A
# library without a soname is named in DT_NEEDED by its path as given, which the
# replay gives differently: as with lld, such a link is not reproduced byte for byte.)
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar tar

mkdir -p src lib
cat >src/main.c <<'EOF2'
#include <stdio.h>
int from_archive(void);
int from_shared(void);
int main(void) { printf("%d\n", from_archive() + from_shared()); return 0; }
EOF2
cat >lib/arch.c <<'EOF2'
int from_archive(void) { return 40; }
EOF2
cat >lib/shared.c <<'EOF2'
int from_shared(void) { return 2; }
EOF2
printf 'V1 { global: *; };\n' >lib/exports.map
compile_c -o src/main.o src/main.c
compile_c -o lib/arch.o lib/arch.c
run ar rcs lib/libarch.a lib/arch.o
run gcc -shared -fPIC -o lib/libshared.so lib/shared.c -B"$RIVET_LIBEXEC/" -Wl,--version-script=lib/exports.map,-soname,libshared.so
gcc -B"$RIVET_LIBEXEC/" -o prog src/main.o -Llib -larch lib/libshared.so -Wl,-rpath,"$PWD/lib" \
  -Wl,--version-script=lib/exports.map,-Map,prog.map,--reproduce=bundle.tar \
  -Wl,--build-id=sha1,--why-extract=why.txt,--threads=2
assert_eq "$(./prog)" 42 "output of the program"
listing=$(tar tf bundle.tar)
for f in bundle/response.txt bundle/version.txt "bundle/${PWD#/}/src/main.o" "bundle/${PWD#/}/lib/libarch.a" \
  "bundle/${PWD#/}/lib/libshared.so" "bundle/${PWD#/}/lib/exports.map"; do
  grep -qxF "$f" <<<"$listing" || fail "expected $f in bundle.tar, got:"$'\n'"$listing"
done
mkdir -p elsewhere
(cd elsewhere && tar xf ../bundle.tar)
mv src src.moved
mv lib lib.moved
(cd elsewhere/bundle && "$LD_RIVET" @response.txt) || fail "the replay of response.txt failed"
cmp elsewhere/bundle/prog prog || fail "the replayed output differs from the original"
[ -s elsewhere/bundle/prog.map ] || fail "expected the replay to write its map beside it"
mv src.moved src
mv lib.moved lib

# -R FILE is --just-symbols: FILE is read, so it is bundled and the replay names the copy.
cat >src/user.c <<'EOF2'
extern int rom_value;
int main(void) { return rom_value == 7 ? 0 : 1; }
EOF2
printf '.globl rom_value\n.set rom_value, 0x12345\n.section .note.GNU-stack,"",@progbits\n' >lib/rom.s
run as -o lib/rom.o lib/rom.s
compile_c -fno-pie -o src/user.o src/user.c
gcc -B"$RIVET_LIBEXEC/" -no-pie -o prog2 src/user.o -Wl,-R,lib/rom.o,--reproduce=bundle2.tar
grep -qxF "bundle2/${PWD#/}/lib/rom.o" <<<"$(tar tf bundle2.tar)" || fail "expected lib/rom.o in bundle2.tar"
mkdir -p elsewhere2
(cd elsewhere2 && tar xf ../bundle2.tar)
mv lib lib.moved
(cd elsewhere2/bundle2 && "$LD_RIVET" @response.txt) || fail "the replay of bundle2's response.txt failed"
mv lib.moved lib
cmp elsewhere2/bundle2/prog2 prog2 || fail "the replayed -R FILE output differs from the original"

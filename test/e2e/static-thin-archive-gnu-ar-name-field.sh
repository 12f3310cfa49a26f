#!/usr/bin/env bash
# A thin archive made by GNU ar in deterministic mode (ar csrDT, as Meson builds its
# internal static libraries) whose member paths go to the "//" table: when the number
# in "/NN" is short, GNU ar leaves the previous name's last byte in the 16-byte field
# ("/59            /"). GNU ld reads the number and ignores the rest; rivet refused
# the archive ("malformed long member name"), which broke libxkbcommon's test build.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

mkdir -p lib.a.p
cat >lib.a.p/first_member_name.c <<'EOF2'
int first(void) { return 40; }
EOF2
cat >lib.a.p/test_common.c <<'EOF2'
int first(void);
int second(void) { return first() + 2; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int second(void);
int main(void) { printf("%d\n", second()); return 0; }
EOF2
compile_c -O1 -o lib.a.p/first_member_name.c.o lib.a.p/first_member_name.c
compile_c -O1 -o lib.a.p/test_common.c.o lib.a.p/test_common.c
compile_c -O1 -o main.o main.c
rm -f lib.a
run ar csrDT lib.a lib.a.p/first_member_name.c.o lib.a.p/test_common.c.o
# The second member's name field: "/" and its offset, then the leftover '/'.
field=$(python3 -c '
import sys
d = open("lib.a", "rb").read()
off = 8
while off + 60 <= len(d):
    h = d[off:off + 60]
    size = int(h[48:58])
    name = h[:16].decode()
    if name.startswith("/") and name[1:2].isdigit() and not name.startswith("/0 "):
        print(name); break
    off += 60 + ((size + (size & 1)) if name.startswith(("/ ", "//")) else 0)
')
case "$field" in
  */) ;;
  *) skip "this ar wrote the name field as '$field' (no leftover '/'): nothing to test" ;;
esac
link_both prog main.o lib.a
run_both_and_compare prog
expect_stdout prog 42

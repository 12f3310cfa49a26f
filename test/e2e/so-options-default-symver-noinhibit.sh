#!/usr/bin/env bash
# --default-symver gives every unversioned exported symbol of a shared object a version
# named by its soname, as ld.bfd does (same .gnu.version_d names, same versioned
# .dynsym names), and a program linked against it binds to that version and runs.
# --noinhibit-exec writes the output despite an undefined or a duplicate symbol (both
# still reported), exit status 0 as ld.bfd's; the first definition wins.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_answer(void) { return 42; }
int lib_data = 7;
EOF2
compile_c -fPIC -o lib.o lib.c
run "$LD_RIVET" -shared -o rivet.so lib.o --default-symver -soname libds.so.1
run ld.bfd -shared -o bfd.so lib.o --default-symver -soname libds.so.1
verdefs() { readelf -VW "$1" | sed -n 's/.*Flags: \([A-Za-z]*\).*Name: \(.*\)$/\1 \2/p'; }
dynnames() { readelf --dyn-syms -W "$1" | awk '$5 == "GLOBAL" { print $8 }' | sort; }
assert_eq "$(verdefs rivet.so)" "$(verdefs bfd.so)" "version definitions with --default-symver (as ld.bfd)"
assert_eq "$(dynnames rivet.so)" "$(dynnames bfd.so)" "exported names with --default-symver (as ld.bfd)"
assert_contains "$(dynnames rivet.so)" "lib_answer@@libds.so.1" "lib_answer's version"
mkdir -p run
cp rivet.so run/libds.so.1
ln -sf libds.so.1 run/libds.so
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_answer(void);
int main(void) { printf("%d\n", lib_answer()); return 0; }
EOF2
compile_c -o main.o main.c
dlink_rivet uses main.o -Lrun -lds -Wl,-rpath,"$PWD/run"
assert_eq "$(./uses)" 42 "output of a program using the versioned library"
readelf -VW uses | grep -q 'Name: libds.so.1' || fail "expected the program to need version libds.so.1"

cat >undef.c <<'EOF2'
int missing(void);
int main(void) { return 0 * missing(); }
EOF2
cat >dup1.c <<'EOF2'
int twice(void) { return 1; }
int main(void) { return twice() - 1; }
EOF2
cat >dup2.c <<'EOF2'
int twice(void) { return 2; }
EOF2
for f in undef dup1 dup2; do compile_c -o "$f.o" "$f.c"; done
for set in "undef.o" "dup1.o dup2.o"; do
  r=0 b=0
  gcc -B"$RIVET_LIBEXEC/" -o kept.rivet $set -Wl,--noinhibit-exec 2>kept.txt || r=$?
  gcc -fuse-ld=bfd -o kept.bfd $set -Wl,--noinhibit-exec 2>/dev/null || b=$?
  assert_eq "$r" "$b" "exit status with --noinhibit-exec and $set (as ld.bfd)"
  [ -x kept.rivet ] || fail "expected --noinhibit-exec to write kept.rivet for $set"
  [ -s kept.txt ] || fail "expected --noinhibit-exec still to report the problem of $set"
done
assert_eq "$(./kept.rivet; echo $?)" 0 "exit status of the program whose first twice() wins"

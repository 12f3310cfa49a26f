#!/usr/bin/env bash
# Libraries named only by another library's DT_NEEDED are searched for as GNU ld does
# (-rpath-link, -rpath, LD_LIBRARY_PATH, the needing library's DT_RUNPATH with $ORIGIN,
# /etc/ld.so.conf, the default directories) and read: a missing one is a warning
# naming both libraries, and its absence leaves the needing library's undefined symbols
# unchecked; once found, those symbols are checked (--no-allow-shlib-undefined is the
# default for executables) and its own undefined symbols too. -rpath-link was accepted
# and ignored before.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >dep.c <<'EOF2'
int missing_everywhere(void);
int dep(int x) { return x > 1000 ? missing_everywhere() : x + 1; }
EOF2
cat >mid.c <<'EOF2'
int dep(int);
int mid(int x) { return dep(x) * 2; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int mid(int);
int main(void) { printf("mid=%d\n", mid(3)); return 0; }
EOF2
mkdir -p hidden
run gcc -shared -fPIC -fuse-ld=bfd -o hidden/libdep.so -Wl,-soname,libdep.so dep.c
run gcc -shared -fPIC -fuse-ld=bfd -o libmid.so -Wl,-soname,libmid.so mid.c hidden/libdep.so
compile_c -O1 -fPIE -o main.o main.c

# Not found: a warning naming both, and the link succeeds (as with ld.bfd).
run gcc -B"$RIVET_LIBEXEC/" -o prog main.o -L. -lmid 2>warn.txt || fail "rivet refused the link with an indirect library it cannot find: $(cat warn.txt)"
grep -q 'warning: libdep.so, needed by .*libmid.so, not found (try using -rpath or -rpath-link)' warn.txt ||
  fail "expected GNU ld's warning about libdep.so needed by libmid.so, got: $(cat warn.txt)"

# Found by -rpath-link: libdep.so's own undefined symbol is now reported, as by ld.bfd.
for ld in bfd rivet; do
  flag=-fuse-ld=bfd
  [ $ld = rivet ] && flag=-B"$RIVET_LIBEXEC/"
  if gcc $flag -o prog2.$ld main.o -L. -lmid -Wl,-rpath-link,hidden 2>err.$ld; then
    fail "$ld linked although libdep.so (found by -rpath-link) needs missing_everywhere"
  fi
  grep -q missing_everywhere err.$ld || fail "$ld: expected an error naming missing_everywhere, got: $(cat err.$ld)"
done
# ... and accepted with --allow-shlib-undefined; the program runs.
dlink_both prog3 main.o -L. -lmid -Wl,-rpath-link,hidden -Wl,--allow-shlib-undefined
for ld in bfd rivet; do
  LD_LIBRARY_PATH=hidden:. ./prog3.$ld >out.$ld || fail "prog3.$ld failed to run"
done
assert_eq "$(cat out.rivet)" "mid=8" "prog3.rivet output"

#!/usr/bin/env bash
# The installed layout works with both compiler drivers: `cmake --install` puts
# ld.rivet in PREFIX/bin and PREFIX/libexec/rivet/ld, so that
#   gcc -BPREFIX/libexec/rivet        and        clang -fuse-ld=rivet (ld.rivet on PATH)
# link with rivet (checked through .comment, which names the linker) and the programs run.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools cmake clang

prefix="$PWD/prefix"
run cmake --install "$RIVET_BUILD" --prefix "$prefix" >install.log
[ -x "$prefix/bin/ld.rivet" ] || fail "expected $prefix/bin/ld.rivet after cmake --install"
[ -x "$prefix/libexec/rivet/ld" ] || fail "expected $prefix/libexec/rivet/ld after cmake --install"
[ -x "$prefix/bin/rivet-relocs" ] || fail "expected $prefix/bin/rivet-relocs after cmake --install"

cat >hello.c <<'EOF2'
#include <stdio.h>
int main(void) { puts("installed rivet"); return 0; }
EOF2
assert_eq "$(gcc -B"$prefix/libexec/rivet/" -print-prog-name=ld)" "$prefix/libexec/rivet/ld" \
  "the ld gcc finds with -B$prefix/libexec/rivet/"
run gcc -B"$prefix/libexec/rivet/" -o hello-gcc hello.c
run env PATH="$prefix/bin:$PATH" clang -fuse-ld=rivet -o hello-clang hello.c
for exe in hello-gcc hello-clang; do
  assert_eq "$(./$exe)" "installed rivet" "output of $exe"
  readelf -p .comment "$exe" | grep -q rivet || fail "$exe: expected .comment to name rivet (was it linked by rivet?)"
done

#!/usr/bin/env bash
# A library that references a symbol nobody defines (built with ld's default
# --allow-shlib-undefined for shared objects) would fail at run time. Linking an
# executable against it with --no-allow-shlib-undefined -- the default for executables
# in ld.bfd and lld, which both reject this link -- must fail with an error naming the
# symbol and the library, and leave no output. With --allow-shlib-undefined the link
# succeeds.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int missing_everywhere(int);
int lib_fn(int x) { return missing_everywhere(x); }
EOF2
cat >main.c <<'EOF2'
int lib_fn(int);
int main(int argc, char **argv) { (void)argv; return argc > 5 ? lib_fn(argc) : 0; }
EOF2
build_shlib libsu.so libsu.so lib.c
compile_c -O1 -o main.o main.c
if gcc -fuse-ld=bfd -o bfd.out main.o -L. -lsu 2>bfd.stderr; then
  fail "test setup: expected ld.bfd to reject the library's undefined symbol when linking an executable"
fi

expect_link_error prog "missing_everywhere" "libsu.so" -- gcc -B"$RIVET_LIBEXEC/" -Wl,--no-allow-shlib-undefined -o prog main.o -L. -lsu
assert_contains "$LINK_STDERR" "undefined" "link error message"
expect_link_error prog "missing_everywhere" "libsu.so" -- gcc -B"$RIVET_LIBEXEC/" -o prog main.o -L. -lsu

dlink_rivet allowed.rivet -Wl,--allow-shlib-undefined main.o -L. -lsu || fail "expected rivet to link with --allow-shlib-undefined"
[ -f allowed.rivet ] || fail "expected allowed.rivet to be written"

#!/usr/bin/env bash
# A library with two versions of foo (foo@V1, the old one, and foo@@V2, the default) made
# with .symver and a version script. A program that calls plain foo must bind to the
# default version: its .dynsym reference to foo carries version V2 (.gnu.version) and
# .gnu.version_r needs V2 from libfoo.so.1, so the loader picks the V2 body. A program
# linked against V1-only libfoo (same SONAME) would need V1; checked too, and the V1
# program runs against the two-version library and still calls the V1 body.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

mkdir -p old
cat >foo.c <<'EOF2'
__asm__(".symver foo_v1, foo@V1");
__asm__(".symver foo_v2, foo@@V2");
int foo_v1(int x) { return x + 1; }
int foo_v2(int x) { return x * 100; }
int bar(void) { return 5; }
EOF2
cat >foo.map <<'EOF2'
V1 { global: foo; bar; local: *; };
V2 { global: foo; } V1;
EOF2
cat >foo-old.c <<'EOF2'
int foo(int x) { return x + 1; }
int bar(void) { return 5; }
EOF2
cat >foo-old.map <<'EOF2'
V1 { global: foo; bar; local: *; };
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int foo(int), bar(void);
int main(void) { printf("foo(3)=%d bar=%d\n", foo(3), bar()); return 0; }
EOF2
build_shlib libfoo.so.1 libfoo.so.1 foo.c -Wl,--version-script=foo.map
ln -sf libfoo.so.1 libfoo.so
build_shlib old/libfoo.so libfoo.so.1 foo-old.c -Wl,--version-script=foo-old.map
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -o main.o main.c

dlink_both new main.o -L. -lfoo
run_both_and_compare new
expect_stdout new "foo(3)=300 bar=5"
assert_eq "$(dynsym_field new.rivet foo version)" "@V2" "new.rivet: version of foo in .dynsym"
assert_eq "$(dynsym_field new.rivet bar version)" "@V1" "new.rivet: version of bar in .dynsym"
verneed=$(readelf -VW new.rivet | sed -n '/\.gnu\.version_r/,$p')
assert_contains "$verneed" "File: libfoo.so.1" "new.rivet: .gnu.version_r"
assert_contains "$verneed" "Name: V2" "new.rivet: .gnu.version_r"
assert_contains "$verneed" "Name: V1" "new.rivet: .gnu.version_r (bar is V1)"

dlink_both oldref main.o -Lold -lfoo
run_both_and_compare oldref
expect_stdout oldref "foo(3)=4 bar=5"
assert_eq "$(dynsym_field oldref.rivet foo version)" "@V1" "oldref.rivet: version of foo in .dynsym (linked against the V1-only library)"
verneed=$(readelf -VW oldref.rivet | sed -n '/\.gnu\.version_r/,$p')
assert_not_contains "$verneed" "Name: V2" "oldref.rivet: .gnu.version_r"
elflint_compare new
elflint_compare oldref

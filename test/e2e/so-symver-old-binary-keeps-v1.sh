#!/usr/bin/env bash
# Two versions of one function through .symver (foo@V1 and the default foo@@V2): a
# program linked years ago against the library when it only had V1 still gets V1's
# behaviour when run against the new library, while a program linked now against the
# new library binds the default, V2. Every combination of rivet and ld.bfd for the
# old library, the new library and the executables behaves as the all-bfd one.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >old.c <<'EOF2'
int foo(int x) { return x + 1; }
EOF2
cat >old.map <<'EOF2'
V1 { global: foo; local: *; };
EOF2
cat >new.c <<'EOF2'
__asm__(".symver foo_v1, foo@V1");
__asm__(".symver foo_v2, foo@@V2");
int foo_v1(int x) { return x + 1; }
int foo_v2(int x) { return x * 100; }
EOF2
cat >new.map <<'EOF2'
V1 { global: foo; local: *; };
V2 { global: foo; } V1;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo(3) = %d\n", foo(3)); return 0; }
EOF2
compile_c -O1 -o main.o main.c
mkdir -p old
(cd old && so_link_both libfoo.so -Wl,-soname,libfoo.so.1 ../old.c -Wl,--version-script=../old.map)
so_link_both libfoo.so -Wl,-soname,libfoo.so.1 new.c -Wl,--version-script=new.map
for side in rivet bfd; do
  ln -sf libfoo.so $side/libfoo.so.1
  ln -sf libfoo.so old/$side/libfoo.so.1
done
# Old binaries: linked against old/{rivet,bfd}/libfoo.so, run against the new library.
(cd old && so_dlink_matrix ../oldprog ../main.o -lfoo)
for pair in "${SO_PAIRS[@]}"; do
  assert_eq "$(dynsym_field oldprog.$pair foo version)" @V1 "oldprog.$pair: version of foo (bound when only V1 existed)"
done
so_run_matrix oldprog
so_expect_stdout oldprog "foo(3) = 4"
# New binaries: linked against the new library, bind the default version V2.
so_dlink_matrix newprog main.o -lfoo
so_run_matrix newprog
so_expect_stdout newprog "foo(3) = 300"
lib=rivet/libfoo.so
assert_eq "$(dynsym $lib | awk '$7 == "foo" { print $8 }' | sort | tr '\n' ' ')" "@@V2 @V1 " "$lib: versions of the .dynsym entries for foo"
assert_eq "$(dynsym_count $lib foo_v1) $(dynsym_count $lib foo_v2)" "0 0" "$lib: .dynsym entries for foo_v1/foo_v2 (local: *)"
so_elflint_compare libfoo.so

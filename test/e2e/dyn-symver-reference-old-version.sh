#!/usr/bin/env bash
# A program that asks for a non-default version explicitly (`.symver foo, foo@V1` in the
# referencing object, the way glibc's compat symbols are pinned) must bind to foo@V1
# even though foo@@V2 is the library's default, while another object in the same
# program calling plain foo gets V2: two .dynsym entries for foo, with versions V1 and
# V2, each needed in .gnu.version_r.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >foo.c <<'EOF2'
__asm__(".symver foo_v1, foo@V1");
__asm__(".symver foo_v2, foo@@V2");
int foo_v1(int x) { return x + 1; }
int foo_v2(int x) { return x * 100; }
EOF2
cat >foo.map <<'EOF2'
V1 { global: foo; local: *; };
V2 { global: foo; } V1;
EOF2
cat >old.c <<'EOF2'
__asm__(".symver foo_old, foo@V1");
int foo_old(int);
int call_old(int x) { return foo_old(x); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int foo(int), call_old(int);
int main(void) { printf("default %d old %d\n", foo(3), call_old(3)); return 0; }
EOF2
build_shlib libfoo.so.1 libfoo.so.1 foo.c -Wl,--version-script=foo.map
ln -sf libfoo.so.1 libfoo.so
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  compile_c -O1 "${MODE_CFLAGS[@]}" -o old-"$mode".o old.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o old-"$mode".o -L. -lfoo
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "default 300 old 4"
  f=prog-$mode.rivet
  vers=$(dynsym "$f" | awk '$7 == "foo" { print $8 }' | sort | tr '\n' ' ')
  assert_eq "$vers" "@V1 @V2 " "$f: versions of the .dynsym entries for foo"
  verneed=$(readelf -VW "$f" | sed -n '/\.gnu\.version_r/,$p')
  assert_contains "$verneed" "Name: V1" "$f: .gnu.version_r"
  assert_contains "$verneed" "Name: V2" "$f: .gnu.version_r"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

#!/usr/bin/env bash
# --exclude-libs libone.a hides only the definitions that come from libone.a; those
# from libtwo.a are still exported from the shared object.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

echo 'int one_fn(void) { return 1; }' >one.c
echo 'int two_fn(void) { return 2; }' >two.c
cat >lib.c <<'EOF2'
int one_fn(void), two_fn(void);
int lib_api(void) { return one_fn() * 10 + two_fn(); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_api(void), two_fn(void);
int main(void) { printf("%d %d\n", lib_api(), two_fn()); return 0; }
EOF2
compile_c -O1 -fPIC -o one.o one.c
compile_c -O1 -fPIC -o two.o two.c
run ar rcs libone.a one.o
run ar rcs libtwo.a two.o
so_link_both libx.so -O1 lib.c -L. -lone -ltwo -Wl,--exclude-libs,libone.a
lib=rivet/libx.so
assert_eq "$(dynsym_count $lib one_fn)" 0 "$lib: .dynsym entries for one_fn (libone.a excluded)"
assert_eq "$(dynsym_count $lib two_fn)" 1 "$lib: .dynsym entries for two_fn (libtwo.a not excluded)"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx
so_run_matrix prog
so_expect_stdout prog "12 2"
so_elflint_compare libx.so

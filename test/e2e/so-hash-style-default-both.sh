#!/usr/bin/env bash
# Without --hash-style (ld run by hand: gcc always passes --hash-style=gnu), a shared
# object gets both .hash and .gnu.hash, DT_HASH and DT_GNU_HASH, as Debian's ld.bfd and
# lld write it. A program linked against the library calls it; eu-elflint finds both
# tables right, as for ld.bfd's output.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int triple(int x) { return 3 * x; }
int lib_data = 14;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int triple(int);
extern int lib_data;
int main(void) { printf("%d %d\n", triple(5), lib_data); return 0; }
EOF2
compile_c -fPIC -O1 -o lib.o lib.c
mkdir -p rivet bfd
run "$LD_RIVET" -shared -soname libh.so -o rivet/libh.so lib.o
run ld.bfd -shared -soname libh.so -o bfd/libh.so lib.o
for side in rivet bfd; do
  lib=$side/libh.so
  has_section $lib .hash || fail "$lib: expected a .hash section without --hash-style"
  has_section $lib .gnu.hash || fail "$lib: expected a .gnu.hash section without --hash-style"
  has_dynamic_tag $lib HASH || fail "$lib: expected DT_HASH without --hash-style"
  has_dynamic_tag $lib GNU_HASH || fail "$lib: expected DT_GNU_HASH without --hash-style"
done
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lh
so_run_matrix prog
so_expect_stdout prog "15 14"
so_elflint_compare libh.so

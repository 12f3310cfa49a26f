#!/usr/bin/env bash
# An executable whose code reads a shared object's protected variable directly
# (R_X86_64_PC32 from -fno-pic -no-pie code, and from gcc's -fPIE code in a PIE) would
# need a COPY relocation, but the library binds the variable locally, so the two would
# see different objects: an error (exit 1, no output file) containing "protected
# symbol" and naming prot_var, the library that defines it and main-*.o:(.text+0x6) --
# for a library linked by rivet and one linked by ld.bfd alike. The correct program
# reads it through the GOT (-fPIC code): it links and both sides see one variable.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((visibility("protected"))) int prot_var = 9;
int lib_get(void) { return prot_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int prot_var;
int main(void) { printf("%d\n", prot_var); return 0; }
EOF2
cat >good.c <<'EOF2'
#include <stdio.h>
extern int prot_var;
int lib_get(void);
int main(void) { prot_var += 1; printf("%d %d\n", prot_var, lib_get()); return 0; }
EOF2
so_link_both libprot.so -O1 lib.c
compile_c -O1 -fno-pic -o main-nopie.o main.c
compile_c -O1 -fPIE -o main-pie.o main.c
compile_c -O1 -fPIC -o good-pic.o good.c
for o in main-nopie.o main-pie.o; do
  off=$(readelf -rW $o | awk '$3 == "R_X86_64_PC32" && $5 == "prot_var" { print $1; exit }' | sed 's/^0*//')
  [ -n "$off" ] || fail "test setup: expected an R_X86_64_PC32 against prot_var in $o"
  for side in rivet bfd; do
    flags=(-no-pie)
    [ $o = main-pie.o ] && flags=(-pie)
    expect_link_error prog-$side-$o "protected symbol" "'prot_var'" "$side/libprot.so" "$o:(.text+0x$off)" -- \
      gcc -B"$RIVET_LIBEXEC/" "${flags[@]}" -o prog-$side-$o $o -L$side -lprot
    expect_one_error_line
  done
done
so_dlink_matrix good good-pic.o -lprot
so_run_matrix good
so_expect_stdout good "10 10"

#!/usr/bin/env bash
# A variable aligned beyond the page size must be aligned at run time in a position-
# independent output too: the PT_LOAD holding it gets that alignment as p_align, and
# the kernel (for a PIE) and the loader (for a shared object) choose a load address
# that honours it (GNU ld's p_align-1b/1d tests). p_align stayed 0x1000 before, so
# the 8 MiB-aligned variable landed wherever the load bias put it (aligned only by
# chance: the p_align check below is the deterministic one).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
#include <stdint.h>
int lib_var __attribute__((aligned(0x200000))) = 2;
int lib_aligned(void) { return ((uintptr_t)&lib_var & (0x200000 - 1)) == 0; }
EOF2
cat >main.c <<'EOF2'
#include <stdint.h>
#include <stdio.h>
int big __attribute__((aligned(0x800000))) = 1;
int lib_aligned(void);
int main(void) {
  printf("exe %s lib %s\n", ((uintptr_t)&big & (0x800000 - 1)) ? "misaligned" : "aligned",
         lib_aligned() ? "aligned" : "misaligned");
  return 0;
}
EOF2
so_link_both libal.so -O1 lib.c
compile_c -O1 -fPIE -o main.o main.c
for page in default 0x1000; do
  extra=()
  [ "$page" = default ] || extra=(-Wl,-z,max-page-size=$page)
  so_dlink_matrix prog-$page -pie "${extra[@]}" main.o -lal
  so_run_matrix prog-$page
  so_expect_stdout prog-$page "exe aligned lib aligned"
done
for f in rivet/libal.so prog-default.rivet-rivet; do
  want=$([ "$f" = rivet/libal.so ] && echo 0x200000 || echo 0x800000)
  found=0
  for a in $(phdr_rows "$f" LOAD | awk '{print $NF}'); do
    if [ $((a)) -ge $((want)) ]; then found=1; fi
  done
  [ $found = 1 ] ||
    fail "$f: expected a PT_LOAD with p_align >= $want, got: $(phdr_rows "$f" LOAD | tr '\n' ';')"
done

#!/usr/bin/env bash
# -fno-plt code calls library functions through their GOT slots (call *foo@GOTPCREL):
# the linker must fill those slots with R_X86_64_GLOB_DAT (bound at startup) and need no
# PLT entry or JUMP_SLOT for them. A function also called through the PLT from another
# object gets, as with ld.bfd, a .plt.got stub that jumps through that same GOT slot
# (no lazy .plt entry, no JUMP_SLOT), and both paths reach the same function. In each
# mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_gotonly(int x) { return x + 5; }
int lib_both(int x) { return x * 5; }
EOF2
cat >noplt.c <<'EOF2'
int lib_gotonly(int), lib_both(int);
int via_got(int x) { return lib_gotonly(x) + lib_both(x); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int via_got(int), lib_both(int);
int main(void) { printf("%d %d\n", via_got(2), lib_both(3)); return 0; }
EOF2
build_shlib libnp.so libnp.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in pie fpie-nopie; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -fno-plt -o noplt-$mode.o noplt.c
  grep -q 'GOTPCRELX *[0-9a-f]* lib_gotonly' <(readelf -rW noplt-$mode.o) ||
    fail "test setup: expected a GOTPCRELX call to lib_gotonly in noplt-$mode.o, got: $(readelf -rW noplt-$mode.o | grep lib_)"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  dlink_both prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o noplt-$mode.o -L. -lnp
  run_both_and_compare prog-$mode
  expect_stdout prog-$mode "17 15"
  f=prog-$mode.rivet
  assert_eq "$(dyn_reloc_count $f R_X86_64_GLOB_DAT lib_gotonly)" 1 "$f: R_X86_64_GLOB_DAT relocations against lib_gotonly"
  assert_eq "$(dyn_reloc_count $f R_X86_64_JUMP_SLOT lib_gotonly)" 0 "$f: R_X86_64_JUMP_SLOT relocations against lib_gotonly (called only through the GOT)"
  assert_eq "$(dyn_reloc_count $f R_X86_64_GLOB_DAT lib_both)" 1 "$f: R_X86_64_GLOB_DAT relocations against lib_both"
  assert_eq "$(dyn_reloc_count $f R_X86_64_JUMP_SLOT lib_both)" 0 "$f: R_X86_64_JUMP_SLOT relocations against lib_both (called through .plt.got)"
  has_section $f .plt.got || fail "$f: expected a .plt.got section for lib_both's call"
done
for mode in pie fpie-nopie; do elflint_compare prog-$mode; done

#!/usr/bin/env bash
# -Bsymbolic-non-weak-functions binds only the library's non-weak functions to
# themselves: the executable's strong_fn does not replace the library's for the
# library's calls, but its weak_fn and shared_var do (both stay preemptible: a
# JUMP_SLOT for weak_fn, GLOB_DAT for shared_var, nothing for strong_fn). ld.bfd 2.40
# has no such option, so lld's library is the reference.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ld.lld

cat >lib.c <<'EOF2'
int strong_fn(void) { return 1; }
__attribute__((weak)) int weak_fn(void) { return 1; }
int shared_var = 1;
int lib_report(void) { return strong_fn() * 100 + weak_fn() * 10 + shared_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int strong_fn(void) { return 2; }
int weak_fn(void) { return 2; }
int shared_var = 2;
int lib_report(void);
int main(void) { printf("%d\n", lib_report()); return 0; }
EOF2
compile_c -O2 -fPIC -o lib.o lib.c
mkdir -p rivet lld
so_link_rivet rivet/libx.so lib.o -Wl,-Bsymbolic-non-weak-functions
run gcc -shared -fuse-ld=lld -o lld/libx.so lib.o -Wl,-Bsymbolic-non-weak-functions
lib=rivet/libx.so
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  for lside in lld rivet; do
    dlink_bfd prog-$mode.$lside-bfd "${MODE_LDFLAGS[@]}" main-$mode.o -L$lside -lx
    dlink_rivet prog-$mode.$lside-rivet "${MODE_LDFLAGS[@]}" main-$mode.o -L$lside -lx
    for eside in bfd rivet; do
      st=0
      out=$(LD_LIBRARY_PATH=$PWD/$lside timeout "$RUN_TIMEOUT" ./prog-$mode.$lside-$eside) || st=$?
      [ "$st" = 0 ] || fail "prog-$mode.$lside-$eside: expected exit status 0, got $st"
      assert_eq "$out" 122 "stdout of prog-$mode.$lside-$eside (library by $lside: strong_fn bound locally, weak_fn and shared_var preempted)"
    done
  done
done
assert_eq "$(dyn_reloc_count $lib R_X86_64_JUMP_SLOT strong_fn)" 0 "$lib: JUMP_SLOT relocations for strong_fn"
assert_eq "$(dyn_reloc_count $lib R_X86_64_JUMP_SLOT weak_fn)" 1 "$lib: JUMP_SLOT relocations for weak_fn"
assert_eq "$(dyn_reloc_count $lib R_X86_64_GLOB_DAT shared_var)" 1 "$lib: GLOB_DAT relocations for shared_var"
elflint_compare rivet/libx.so lld/libx.so

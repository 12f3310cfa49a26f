#!/usr/bin/env bash
# Protected data in a shared object read and written by a PIE whose code uses the GOT
# for it (-fPIE -mno-direct-extern-access, and -fPIC): the executable's references
# become R_X86_64_GLOB_DAT, with no COPY relocation (which would split the variable in
# two, since the library binds it locally), so the executable and the library see one
# object. The library itself reads it without any dynamic relocation against it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((visibility("protected"))) int prot_var = 9;
__attribute__((visibility("protected"))) int prot_arr[4] = {1, 2, 3, 4};
int lib_read(void) { return prot_var * 100 + prot_arr[3]; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int prot_var;
extern int prot_arr[4];
int lib_read(void);
int main(void) {
  printf("exe sees %d %d, lib sees %d\n", prot_var, prot_arr[3], lib_read());
  prot_var = 5;
  prot_arr[3] = 7;
  printf("after exe write: lib sees %d\n", lib_read());
  return 0;
}
EOF2
so_link_both libprot.so -O1 lib.c
lib=rivet/libprot.so
assert_eq "$(dyn_relocs $lib | awk '$3 == "prot_var" || $3 == "prot_arr"' | wc -l)" 0 "$lib: dynamic relocations against the protected variables"
# gcc's -fPIE code reads extern data PC-relatively (expecting a COPY relocation);
# -mno-direct-extern-access makes it use the GOT, as -fPIC code does.
for kind in fpie fpic; do
  case $kind in
    fpie) cflags=(-fPIE -mno-direct-extern-access) ;;
    fpic) cflags=(-fPIC) ;;
  esac
  compile_c -O1 "${cflags[@]}" -o main-$kind.o main.c
  readelf -rW main-$kind.o | grep -q 'GOTPCREL.*prot_var' || fail "test setup: expected main-$kind.o to load prot_var through the GOT"
  so_dlink_matrix prog-$kind main-$kind.o -lprot
  so_run_matrix prog-$kind
  so_expect_stdout prog-$kind "exe sees 9 4, lib sees 904
after exe write: lib sees 507"
  for pair in bfd-rivet rivet-rivet; do
    assert_eq "$(dyn_reloc_count prog-$kind.$pair R_X86_64_COPY)" 0 "prog-$kind.$pair: COPY relocations"
    assert_eq "$(dyn_reloc_count prog-$kind.$pair R_X86_64_GLOB_DAT prot_var)" 1 "prog-$kind.$pair: GLOB_DAT relocations for prot_var"
  done
done
so_elflint_compare libprot.so

#!/usr/bin/env bash
# A tentative definition compiled with -fcommon (SHN_COMMON in the object) becomes a
# real definition in the shared object's .bss: exported as an OBJECT with its size,
# zero-initialised, and the library and the executable (which reads and writes it,
# through a COPY relocation in -fno-pic -no-pie code) share one variable; the two
# objects' common symbols of the same name merge into that one definition.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >a.c <<'EOF2'
int common_counter;
long common_arr[8];
int lib_bump(void) { common_arr[7] += 2; return ++common_counter; }
EOF2
cat >b.c <<'EOF2'
int common_counter;
long common_arr[8];
long lib_arr_last(void) { return common_arr[7]; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int common_counter;
extern long common_arr[8];
int lib_bump(void);
long lib_arr_last(void);
int main(void) {
  printf("%d %ld\n", common_counter, common_arr[7]);
  lib_bump(); lib_bump();
  common_counter += 10;
  common_arr[7] += 100;
  int c = lib_bump();
  printf("%d %ld\n", c, lib_arr_last());
  return 0;
}
EOF2
compile_c -O1 -fPIC -fcommon -o a.o a.c
compile_c -O1 -fPIC -fcommon -o b.o b.c
readelf -sW a.o | grep -q ' COM .*common_counter' || fail "test setup: expected common_counter to be a COMMON symbol in a.o"
so_link_both libcom.so a.o b.o
lib=rivet/libcom.so
assert_eq "$(dynsym_field $lib common_counter type) $(dynsym_field $lib common_counter size)" "OBJECT 4" "$lib: .dynsym type and size of common_counter"
assert_eq "$(dynsym_field $lib common_arr size)" 64 "$lib: .dynsym size of common_arr"
assert_eq "$(section_name_by_index $lib "$(dynsym_field $lib common_counter ndx)")" .bss "$lib: section of common_counter"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lcom
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode "0 0
13 106"
done
so_elflint_compare libcom.so

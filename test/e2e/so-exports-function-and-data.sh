#!/usr/bin/env bash
# A shared object rivet links exports its default-visibility functions and variables:
# an executable linked against it (by rivet and by ld.bfd, in each mode) calls the
# function, reads and writes the variable and sees the library see the write. The
# output is an ET_DYN without PT_INTERP, with FUNC/OBJECT .dynsym entries of the right
# sizes, no .interp, and nothing eu-elflint finds that it does not find in ld.bfd's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_counter = 40;
long lib_table[3] = {7, 8, 9};
int lib_add(int a, int b) { return a + b + lib_counter; }
int lib_get_counter(void) { return lib_counter; }
long lib_sum_table(void) { return lib_table[0] + lib_table[1] + lib_table[2]; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int lib_counter;
extern long lib_table[3];
int lib_add(int, int), lib_get_counter(void);
long lib_sum_table(void);
int main(void) {
  printf("add %d\n", lib_add(1, 2));
  lib_counter = 5;
  lib_table[2] = 100;
  printf("counter seen by lib %d, add %d, table %ld\n", lib_get_counter(), lib_add(1, 2), lib_sum_table());
  return 0;
}
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
so_link_both libx.so -Wl,-soname,libx.so lib.o
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lx
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode "add 43
counter seen by lib 5, add 8, table 115"
done

lib=rivet/libx.so
assert_eq "$(elf_type $lib)" DYN "ELF type of $lib"
assert_eq "$(interpreter $lib)" "" "PT_INTERP of $lib"
has_section $lib .interp && fail "$lib: expected no .interp section in a shared object, found one"
assert_eq "$(dynsym_field $lib lib_add type) $(dynsym_field $lib lib_add bind) $(dynsym_field $lib lib_add vis)" \
  "FUNC GLOBAL DEFAULT" "$lib: .dynsym type, binding, visibility of lib_add"
assert_eq "$(dynsym_field $lib lib_counter type) $(dynsym_field $lib lib_counter size)" "OBJECT 4" "$lib: .dynsym type and size of lib_counter"
assert_eq "$(dynsym_field $lib lib_table type) $(dynsym_field $lib lib_table size)" "OBJECT 24" "$lib: .dynsym type and size of lib_table"
assert_eq "$(dynsym_field $lib lib_add value)" "$(symbol_field $lib lib_add value)" "$lib: .dynsym value of lib_add (vs .symtab)"
so_elflint_compare libx.so
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-$mode.rivet-rivet prog-$mode.rivet-bfd; done

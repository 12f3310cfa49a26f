#!/usr/bin/env bash
# A PIE built from -fPIC code reaches a library's variables through the GOT
# (R_X86_64_REX_GOTPCRELX against a symbol defined in a shared object): the GOT slot gets
# R_X86_64_GLOB_DAT and there must be no COPY relocation at all -- the variable stays in
# the library, and the program still sees the library's writes.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_value = 17;
long lib_array[3] = {1, 2, 3};
void lib_bump(void) { lib_value++; lib_array[2] *= 10; }
int *lib_value_addr(void) { return &lib_value; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int lib_value;
extern long lib_array[3];
void lib_bump(void);
int *lib_value_addr(void);
int main(void) {
  lib_value += 3;
  lib_bump();
  printf("%d %ld same=%d\n", lib_value, lib_array[2], &lib_value == lib_value_addr());
  return 0;
}
EOF2
build_shlib libv.so libv.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -fPIC -o main.o main.c
grep -q 'GOTPCREL' <(readelf -rW main.o) || fail "test setup: expected GOT relocations in main.o built with -fPIC"
dlink_both prog -pie main.o -L. -lv
run_both_and_compare prog
expect_stdout prog "21 30 same=1"
f=prog.rivet
assert_eq "$(dyn_reloc_count $f R_X86_64_COPY)" 0 "$f: R_X86_64_COPY relocations in a PIE built from -fPIC code (got: $(dyn_relocs $f | grep COPY || true))"
for v in lib_value lib_array; do
  assert_eq "$(dyn_reloc_count $f R_X86_64_GLOB_DAT $v)" 1 "$f: R_X86_64_GLOB_DAT relocations against $v"
  assert_eq "$(dynsym_field $f $v ndx)" UND "$f: section index of $v in .dynsym (stays in the library)"
done
elflint_compare prog

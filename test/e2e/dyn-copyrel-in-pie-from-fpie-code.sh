#!/usr/bin/env bash
# gcc's -fPIE code reaches extern data with R_X86_64_PC32 (it counts on the linker for
# copy relocations in PIEs). In a PIE the reference to a library's variable therefore
# needs a COPY relocation into the executable, like -no-pie; the library must see the
# executable's writes.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_value = 17;
int lib_get(void) { return lib_value; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int lib_value;
int lib_get(void);
int main(void) {
  printf("%d ", lib_value);
  lib_value = 71;
  printf("%d\n", lib_get());
  return 0;
}
EOF2
build_shlib libv.so libv.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -fPIE -o main.o main.c
readelf -rW main.o | grep -q 'R_X86_64_PC32 .* lib_value' ||
  fail "test setup: expected gcc -fPIE to reference lib_value with R_X86_64_PC32, got: $(readelf -rW main.o | grep lib_value)"
dlink_both prog -pie main.o -L. -lv
run_both_and_compare prog
expect_stdout prog "17 71"
assert_eq "$(elf_type prog.rivet)" DYN "ELF type of prog.rivet"
assert_eq "$(dyn_reloc_count prog.rivet R_X86_64_COPY lib_value)" 1 "prog.rivet: COPY relocations against lib_value in a PIE"
elflint_compare prog

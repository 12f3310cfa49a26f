#!/usr/bin/env bash
# In a PIE, the address of a library function taken by the executable (through a GOT
# slot with R_X86_64_GLOB_DAT, or an R_X86_64_64 in a data table) equals the address the
# library itself uses and the one dlsym returns, and calling through it works.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_fn(int x) { return x * 2 + 1; }
int (*lib_fn_addr(void))(int) { return lib_fn; }
EOF2
cat >main.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
int lib_fn(int);
int (*lib_fn_addr(void))(int);
int (*table[2])(int) = {lib_fn, 0};
int main(void) {
  int (*mine)(int) = lib_fn;
  int (*theirs)(int) = lib_fn_addr();
  void *viadl = dlsym(RTLD_DEFAULT, "lib_fn");
  printf("equal=%d table_equal=%d dlsym_equal=%d\n", mine == theirs, table[0] == theirs, (void *)theirs == viadl);
  printf("calls %d %d\n", mine(1), table[0](2));
  return 0;
}
EOF2
build_shlib libfn.so libfn.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -o main.o main.c
dlink_both prog main.o -L. -lfn -ldl
run_both_and_compare prog
expect_stdout prog "equal=1 table_equal=1 dlsym_equal=1
calls 3 5"
assert_eq "$(elf_type prog.rivet)" DYN "ELF type of prog.rivet"
elflint_compare prog

#!/usr/bin/env bash
# A COPY of a read-only library object (const data, in the library's read-only segment)
# belongs in a read-only-after-relocation area of the executable: inside PT_GNU_RELRO, so
# the loader write-protects it after copying and a stray write faults as it would have in
# the library. A copy of a writable object stays outside PT_GNU_RELRO.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
const int lib_const[4] = {11, 22, 33, 44};
int lib_mutable[4] = {1, 2, 3, 4};
int lib_const_sum(void) { return lib_const[0] + lib_const[1] + lib_const[2] + lib_const[3]; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <string.h>
extern const int lib_const[4];
extern int lib_mutable[4];
int lib_const_sum(void);
int main(int argc, char **argv) {
  printf("%d %d %d\n", lib_const[3], lib_mutable[3], lib_const_sum());
  lib_mutable[0] = 9;
  fflush(stdout);
  if (argc > 1 && strcmp(argv[1], "write") == 0) {
    *(volatile int *)&lib_const[0] = 5; /* must fault: the copy is read-only */
    puts("write went through");
  }
  return 0;
}
EOF2
build_shlib libro.so libro.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -fno-pic -o main.o main.c
dlink_both prog -no-pie main.o -L. -lro
run_both_and_compare prog
expect_stdout prog "44 4 110"
run_both_and_compare prog write
expect_stdout prog "44 4 110"
expect_status prog 139

for f in prog.bfd prog.rivet; do
  assert_eq "$(dyn_reloc_count $f R_X86_64_COPY lib_const)" 1 "$f: COPY relocations against lib_const"
  assert_eq "$(dyn_reloc_count $f R_X86_64_COPY lib_mutable)" 1 "$f: COPY relocations against lib_mutable"
  c=$(dynsym_field $f lib_const value)
  m=$(dynsym_field $f lib_mutable value)
  addr_in_phdr $f GNU_RELRO "$c" 16 ||
    fail "$f: expected the copy of read-only lib_const (0x$c, 16 bytes) inside PT_GNU_RELRO ($(phdr_rows $f GNU_RELRO))"
  ! addr_in_phdr $f GNU_RELRO "$m" ||
    fail "$f: expected the copy of writable lib_mutable (0x$m) outside PT_GNU_RELRO ($(phdr_rows $f GNU_RELRO))"
done
elflint_compare prog

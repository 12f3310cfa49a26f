#!/usr/bin/env bash
# A user library's `extern int` read and written by the executable. In -fno-pic -no-pie
# code (and in gcc's -fPIE code, whose PC-relative data references gcc leaves to copy
# relocations) the executable gets a copy, R_X86_64_COPY, and the library's own GOT
# reference must bind to that copy: the library sees the executable's writes through a
# function returning the variable, and the executable sees the library's writes. In every
# mode the starting value is the library's initializer.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int shared_counter = 41;
int lib_get(void) { return shared_counter; }
void lib_set(int v) { shared_counter = v; }
int *lib_addr(void) { return &shared_counter; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int shared_counter;
int lib_get(void);
void lib_set(int);
int *lib_addr(void);
int main(void) {
  printf("initial %d %d\n", shared_counter, lib_get());
  shared_counter = 1000;
  printf("after exe write: lib sees %d\n", lib_get());
  lib_set(7);
  printf("after lib write: exe sees %d\n", shared_counter);
  shared_counter++;
  printf("same object: %d, lib sees %d\n", lib_addr() == &shared_counter, lib_get());
  return 0;
}
EOF2
build_shlib libcounter.so libcounter.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lcounter
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "initial 41 41
after exe write: lib sees 1000
after lib write: exe sees 7
same object: 1, lib sees 8"
done

f=prog-nopie.rivet
assert_eq "$(dyn_reloc_count $f R_X86_64_COPY shared_counter)" 1 "$f: R_X86_64_COPY relocations against shared_counter"
assert_eq "$(dynsym_field $f shared_counter size)" 4 "$f: st_size of shared_counter in .dynsym"
[ "$(dynsym_field $f shared_counter ndx)" != UND ] || fail "$f: expected shared_counter defined at the copy in .dynsym, got UND"
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

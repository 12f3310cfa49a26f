#!/usr/bin/env bash
# A library function with protected visibility binds locally inside the library, so the
# executable must not create a canonical PLT entry for it -- but merely calling it
# through the PLT is fine (no address is taken): the link must succeed in every mode,
# including -fno-pic -no-pie, and calls from both sides reach the library's function.
# A protected variable read through the GOT from -fPIC code in a PIE works too.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((visibility("protected"))) int prot_fn(int x) { return x * 11; }
__attribute__((visibility("protected"))) int prot_var = 9;
int lib_calls_prot(int x) { return prot_fn(x) + prot_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int prot_fn(int), lib_calls_prot(int);
int main(void) { printf("%d %d\n", prot_fn(2), lib_calls_prot(3)); return 0; }
EOF2
cat >var.c <<'EOF2'
extern int prot_var;
int read_prot_var(void) { return prot_var; }
EOF2
cat >main2.c <<'EOF2'
#include <stdio.h>
int read_prot_var(void);
int main(void) { printf("%d\n", read_prot_var()); return 0; }
EOF2
build_shlib libprot.so libprot.so lib.c
assert_eq "$(dynsym_field libprot.so prot_fn vis)" PROTECTED "test setup: visibility of prot_fn in libprot.so"
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lprot
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "22 42"
  assert_eq "$(dyn_reloc_count prog-"$mode".rivet R_X86_64_JUMP_SLOT prot_fn)" 1 "prog-$mode.rivet: JUMP_SLOT relocations against prot_fn"
done
compile_c -O1 -fPIC -o var.o var.c
compile_c -O1 -o main2.o main2.c
dlink_both var main2.o var.o -L. -lprot
run_both_and_compare var
expect_stdout var "9"
assert_eq "$(dyn_reloc_count var.rivet R_X86_64_COPY)" 0 "var.rivet: COPY relocations (a protected variable must not be copied)"
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done
elflint_compare var

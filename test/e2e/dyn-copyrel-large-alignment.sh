#!/usr/bin/env bash
# A copy-relocated variable keeps the alignment its library gives it, beyond 64 bytes:
# the copy is aligned to the smaller of what the variable's address proves and its
# section's alignment (lld and GNU ld). A 4096-aligned buffer and a 256-aligned one
# copied into a non-PIE executable are still so aligned at run time, and .bss (or
# .bss.rel.ro) is aligned to match; the program's output is ld.bfd's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((aligned(4096))) char page_buf[100] = "page";
__attribute__((aligned(256))) const long consts[3] = {1, 2, 3};
char small = 's';
EOF2
cat >main.c <<'EOF2'
#include <stdint.h>
#include <stdio.h>
extern char page_buf[100];
extern const long consts[3];
extern char small;
int main(void) {
  printf("%s %ld %c\n", page_buf, consts[2], small);
  printf("page_buf %% 4096 = %d, consts %% 256 = %d\n", (int)((uintptr_t)page_buf % 4096),
         (int)((uintptr_t)consts % 256));
  return 0;
}
EOF2
build_shlib libal.so libal.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -fno-pic -o main.o main.c
dlink_both prog -no-pie main.o -L. -lal
run_both_and_compare prog
expect_stdout prog "page 3 s
page_buf % 4096 = 0, consts % 256 = 0"
f=prog.rivet
assert_eq "$(dyn_reloc_count $f R_X86_64_COPY page_buf)" 1 "$f: COPY relocations against page_buf"
addr=$(hex_to_dec "$(dynsym_field $f page_buf value)")
assert_eq "$((addr % 4096))" 0 "$f: page_buf's address modulo 4096"
sec=$(section_of_addr $f "$(dynsym_field $f page_buf value)")
align=$(readelf -SW $f | awk -v s="$sec" '{for (i = 1; i <= NF; i++) if ($i == s) print $NF}')
[ "${align:-0}" -ge 4096 ] || fail "$f: expected section $sec holding page_buf aligned to 4096 or more, got $align"
elflint_compare prog

#!/usr/bin/env bash
# --explain-symbol on a canonical PLT entry: non-PIC code takes the address of a
# library function. The call goes through the PLT; the address-taking reference makes
# the PLT entry the function's canonical address, which .dynsym exports (UND, value =
# the entry). The explanation must give that same address.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_twice(int x) { return 2 * x; }
void *lib_addr(void) { return (void *)lib_twice; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_twice(int);
void *lib_addr(void);
int main(void) {
  int (*volatile fp)(int) = lib_twice; /* non-PIC code: an absolute address in .text */
  printf("%d %d\n", lib_twice(4), fp == (int (*)(int))lib_addr());
  return 0;
}
EOF2
build_shlib libcanon.so libcanon.so lib.c
compile_c -O1 -fno-pic -o main.o main.c
dlink_rivet prog -no-pie main.o -L. -lcanon -Wl,-rpath,'$ORIGIN' -Wl,--explain-symbol=lib_twice >explain.txt
LD_LIBRARY_PATH=. ./prog >out.txt
assert_eq "$(cat out.txt)" "8 1" "program output (pointer equality through the canonical entry)"

row=$(readelf -W --dyn-syms prog | awk '$8 == "lib_twice"')
addr=$(awk '{print $2}' <<<"$row" | sed 's/^0*//')
[ "$(awk '{print $7}' <<<"$row")" = UND ] || fail "expected lib_twice UND in .dynsym, got '$row'"
expected_head="ld.rivet: explain: symbol 'lib_twice'
  definition: ./libcanon.so (shared object), GLOBAL FUNC, visibility DEFAULT, size $(readelf -W --dyn-syms libcanon.so | awk '$8 == "lib_twice" {print $3}')
  preemptible: yes (defined in a shared object: imported, the loader binds it)
  exported in .dynsym: yes
  references:"
assert_eq "$(head -5 explain.txt)" "$expected_head" "first lines of --explain-symbol output"
grep -qxF "    R_X86_64_PLT32 from main.o:(.text+0x$(objdump -dr main.o | awk '/R_X86_64_PLT32[ \t]+lib_twice/ {sub(":","",$1); print $1; exit}')): PLT entry at 0x$addr + R_X86_64_JUMP_SLOT" explain.txt ||
  fail "expected the call reported as 'PLT entry at 0x$addr + R_X86_64_JUMP_SLOT'; got: $(cat explain.txt)"
grep -q "): canonical PLT entry at 0x$addr: the function's address everywhere, exported with st_shndx UND and st_value set$" explain.txt ||
  fail "expected the address-taking reference reported as 'canonical PLT entry at 0x$addr'; got: $(cat explain.txt)"

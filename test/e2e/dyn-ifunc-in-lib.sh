#!/usr/bin/env bash
# An IFUNC defined in a shared library (STT_GNU_IFUNC in its .dynsym), called from the
# executable through the PLT and address-taken in each executable mode. The loader runs
# the library's resolver when binding the JUMP_SLOT/GLOB_DAT; for -fno-pic -no-pie code
# the taken address is a canonical PLT entry (exported as STT_FUNC, st_shndx UND), and
# the library's own &lib_compute must equal the executable's in every mode. Two runs with
# different resolver choices show the calls reach the chosen implementation.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
static int impl_fast(int x) { return x * 10; }
static int impl_slow(int x) { return x + 10; }
/* access(2) by a raw system call: the resolver may run while the loader is relocating. */
static long raw_access(const char *path) {
  long ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(21L), "D"(path), "S"(0L) : "rcx", "r11", "memory");
  return ret;
}
static int (*resolve_lib_compute(void))(int) {
  return raw_access("ifunc-slow.flag") == 0 ? impl_slow : impl_fast;
}
int lib_compute(int) __attribute__((ifunc("resolve_lib_compute")));
int (*lib_compute_addr(void))(int) { return lib_compute; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_compute(int);
int (*lib_compute_addr(void))(int);
int (*volatile taken)(int);
int main(void) {
  taken = lib_compute;
  printf("direct %d via-pointer %d via-lib-pointer %d\n", lib_compute(1), taken(2), lib_compute_addr()(3));
  printf("same address: %d\n", taken == lib_compute_addr());
  return 0;
}
EOF2
build_shlib libifunc.so libifunc.so lib.c
assert_eq "$(dynsym_field libifunc.so lib_compute type)" IFUNC "test setup: type of lib_compute in libifunc.so's .dynsym"
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lifunc
  rm -f ifunc-slow.flag
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "direct 10 via-pointer 20 via-lib-pointer 30
same address: 1"
  touch ifunc-slow.flag
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "direct 11 via-pointer 12 via-lib-pointer 13
same address: 1"
done
f=prog-nopie.rivet
assert_eq "$(dynsym_field $f lib_compute ndx)" UND "$f: st_shndx of the canonical PLT symbol lib_compute"
assert_eq "$(dynsym_field $f lib_compute type)" FUNC "$f: st_type of the canonical PLT symbol lib_compute (STT_FUNC, so the loader does not call its address as a resolver)"
value=$(dynsym_field $f lib_compute value)
{ [ -n "$value" ] && [ "$(hex_to_dec "$value")" != 0 ]; } || fail "$f: expected a non-zero st_value (the canonical PLT entry) for lib_compute, got '$value'"
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

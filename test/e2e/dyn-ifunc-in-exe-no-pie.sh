#!/usr/bin/env bash
# An IFUNC defined in a -no-pie executable built from -fno-pic code: called directly,
# through a pointer in read-only data and through addresses taken with absolute
# relocations in two translation units. The address-taken IFUNC needs one canonical
# .iplt entry so every address of compute is equal; its slot is filled at load time by
# R_X86_64_IRELATIVE (addend = resolver) and calls reach the implementation the
# resolver chose (two runs with different choices).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
mode=nopie

cat >ifunc.c <<'EOF2'
static int impl_fast(int x) { return x * 10; }
static int impl_slow(int x) { return x + 10; }
int resolver_calls;
/* access(2) by a raw system call: a resolver runs while the loader is still relocating,
   before the PLT and libc's environment are usable. */
static long raw_access(const char *path) {
  long ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(21L), "D"(path), "S"(0L) : "rcx", "r11", "memory");
  return ret;
}
/* The loader calls this while applying R_X86_64_IRELATIVE; it picks an implementation
   by whether a flag file exists, so two runs can tell which one the calls reached. */
static int (*resolve_compute(void))(int) {
  resolver_calls++;
  return raw_access("ifunc-slow.flag") == 0 ? impl_slow : impl_fast;
}
int compute(int) __attribute__((ifunc("resolve_compute")));
int (*compute_addr_in_other_tu(void))(int) { return compute; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int compute(int);
extern int resolver_calls;
int (*compute_addr_in_other_tu(void))(int);
int (*const table[1])(int) = {compute};
int (*volatile taken)(int);
int main(int argc, char **argv) {
  (void)argv;
  taken = compute;
  printf("direct %d via-table %d via-pointer %d\n", compute(4), table[0](5), taken(6));
  printf("same address: %d\n", taken == table[0]);
  /* ld.bfd gives a PIE's IFUNC two addresses (its .iplt entry for PC-relative
     references, the resolved target for GOT ones), so this is checked on rivet alone. */
  if (argc > 1) printf("same across files: %d\n", taken == compute_addr_in_other_tu());
  printf("resolver ran: %d\n", resolver_calls > 0);
  return 0;
}
EOF2
dyn_mode "$mode"
compile_c -O1 "${MODE_CFLAGS[@]}" -o ifunc.o ifunc.c
compile_c -O1 "${MODE_CFLAGS[@]}" -o main.o main.c
dlink_both prog "${MODE_LDFLAGS[@]}" main.o ifunc.o
run_both_and_compare prog
expect_stdout prog "direct 40 via-table 50 via-pointer 60
same address: 1
resolver ran: 1"
touch ifunc-slow.flag
run_both_and_compare prog
expect_stdout prog "direct 14 via-table 15 via-pointer 16
same address: 1
resolver ran: 1"
run_rivet_expect prog "direct 14 via-table 15 via-pointer 16
same address: 1
same across files: 1
resolver ran: 1" cross
rm ifunc-slow.flag
run_rivet_expect prog "direct 40 via-table 50 via-pointer 60
same address: 1
same across files: 1
resolver ran: 1" cross

f=prog.rivet
[ "$(dyn_reloc_count $f R_X86_64_IRELATIVE)" -ge 1 ] ||
  fail "$f: expected an R_X86_64_IRELATIVE relocation for the executable's IFUNC compute, got: $(dyn_relocs $f | tr '\n' ';')"
resolver=$(hex_to_dec "$(symbol_field $f resolve_compute value)")
while read -r _ type _ addend; do
  [ "$type" = R_X86_64_IRELATIVE ] || continue
  assert_eq "$(hex_to_dec "${addend#+}")" "$resolver" "$f: addend of R_X86_64_IRELATIVE (the resolver's address, decimal)"
done < <(dyn_relocs $f)
elflint_compare prog

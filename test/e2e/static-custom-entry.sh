#!/usr/bin/env bash
# -Wl,-e,alt_entry makes alt_entry the ELF entry point instead of _start: e_entry must
# be alt_entry's address, so the program runs alt_entry (which makes raw system calls)
# and never reaches libc's start-up or main.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >entry.c <<'EOF'
#include <sys/syscall.h>
static const char msg[] = "alt_entry ran\n";
int main(void) { return 99; } /* must not run */
__attribute__((noreturn)) void alt_entry(void) {
  long ret;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"((long)SYS_write), "D"(1L), "S"(msg), "d"(sizeof msg - 1)
                   : "rcx", "r11", "memory");
  __asm__ volatile("syscall" : : "a"((long)SYS_exit_group), "D"(17L) : "rcx", "r11", "memory");
  __builtin_unreachable();
}
EOF
compile_c -O1 -fno-stack-protector -o entry.o entry.c
link_both entry entry.o -Wl,-e,alt_entry

run_both_and_compare entry
expect_stdout entry "alt_entry ran"
expect_status entry 17
elflint_compare entry

e_entry=$(readelf -hW entry.rivet | awk '/Entry point address:/ { print $4 }')
alt=$(symbol_field entry.rivet alt_entry value)
[ -n "$alt" ] || fail "expected alt_entry in .symtab, found none"
assert_eq "$(hex_to_dec "$e_entry")" "$(hex_to_dec "$alt")" "e_entry (decimal) vs alt_entry's address"

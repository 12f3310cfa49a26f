#!/usr/bin/env bash
# An undefined weak function or object that nothing defines resolves to address 0, so
# `if (fn) fn();` skips the call; code compiled -fPIE (GOT load) and -fno-pie (absolute
# address) and a data pointer must all see NULL, and the link must not fail. A weak
# reference must not pull an archive member in either.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

cat >optional.c <<'EOF'
void optional_hook(void) {}
int optional_data = 5;
EOF
cat >pie_side.c <<'EOF'
extern void optional_hook(void) __attribute__((weak));
extern int optional_data __attribute__((weak));
int hook_present_pie(void) { return optional_hook != 0; }
int data_present_pie(void) { return &optional_data != 0; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
extern void optional_hook(void) __attribute__((weak));
extern int optional_data __attribute__((weak));
int hook_present_pie(void), data_present_pie(void);
static void (*volatile hook_ptr)(void) = optional_hook;
int main(void) {
  printf("pie: hook=%d data=%d\n", hook_present_pie(), data_present_pie());
  printf("no-pie: hook=%d data=%d\n", optional_hook != 0, &optional_data != 0);
  printf("data pointer: %d\n", hook_ptr != 0);
  if (optional_hook) optional_hook();
  puts("survived");
  return 0;
}
EOF
compile_c -O1 -fPIE -o pie_side.o pie_side.c
compile_c -O1 -fno-pie -o main.o main.c
compile_c -O1 -o optional.o optional.c
run ar rcs liboptional.a optional.o
link_both weakundef main.o pie_side.o liboptional.a

run_both_and_compare weakundef
expect_stdout weakundef "pie: hook=0 data=0
no-pie: hook=0 data=0
data pointer: 0
survived"
expect_status weakundef 0
elflint_compare weakundef

# The archive member defining them must not have been extracted. (ld.bfd drops undefined
# weak symbols from .symtab; a linker that keeps them must keep them undefined, at 0.)
for s in optional_hook optional_data; do
  symtab weakundef.rivet | awk -v n="$s" '$7 == n' >"$s.entries"
  while read -r value _ _ bind _ ndx _; do
    assert_eq "$ndx $bind $(hex_to_dec "$value")" "UND WEAK 0" "section, binding and value of $s in .symtab"
  done <"$s.entries"
done

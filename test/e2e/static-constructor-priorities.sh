#!/usr/bin/env bash
# __attribute__((constructor(N))) puts a pointer in .init_array.N; the linker must sort
# those by priority N (lower first) ahead of the plain .init_array entries, keep input
# order among equal priorities, and run .preinit_array before all of them. glibc's
# static startup walks __preinit_array_start..end and __init_array_start..end, so the
# order in the output section is the order the program sees.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >say.c <<'EOF'
#include <string.h>
#include <unistd.h>
void say(const char *s) {
  write(1, s, strlen(s));
  write(1, "\n", 1);
}
EOF
cat >first.c <<'EOF'
void say(const char *);
__attribute__((constructor(300))) static void first_300(void) { say("first 300"); }
__attribute__((constructor(101))) static void first_101(void) { say("first 101"); }
__attribute__((constructor)) static void first_default(void) { say("first default"); }
static void first_preinit(void) { say("first preinit_array"); }
__attribute__((section(".preinit_array"), used)) static void (*first_pre)(void) = first_preinit;
EOF
cat >second.c <<'EOF'
void say(const char *);
__attribute__((constructor(200))) static void second_200(void) { say("second 200"); }
__attribute__((constructor(101))) static void second_101(void) { say("second 101"); }
__attribute__((constructor)) static void second_default(void) { say("second default"); }
static void second_raw(void) { say("second raw .init_array"); }
__attribute__((section(".init_array"), used)) static void (*second_raw_p)(void) = second_raw;
int main(void) {
  say("main");
  return 0;
}
EOF
for f in say first second; do compile_c -O0 -o "$f.o" "$f.c"; done
link_both ctors say.o first.o second.o

run_both_and_compare ctors
expect_stdout ctors "first preinit_array
first 101
second 101
second 200
first 300
first default
second default
second raw .init_array
main"
expect_status ctors 0
elflint_compare ctors

# The same order, read from the output's .init_array: each 8-byte entry mapped back to
# the function symbol at that address.
pointer_array_symbols ctors.rivet .init_array >init.rivet
pointer_array_symbols ctors.bfd .init_array >init.bfd
assert_words_in_order init.rivet "our constructors in rivet's .init_array" \
  first_101 second_101 second_200 first_300 first_default second_default second_raw
if ! diff -u init.bfd init.rivet >init.diff; then
  fail "expected .init_array to call the same functions in the same order as ld.bfd's; diff (bfd -> rivet):"$'\n'"$(cat init.diff)"
fi
has_section ctors.rivet .preinit_array || fail "expected a .preinit_array section in the output, found none"
assert_eq "$(section_field ctors.rivet .init_array type)" INIT_ARRAY "type of .init_array"
assert_eq "$(section_field ctors.rivet .preinit_array type)" PREINIT_ARRAY "type of .preinit_array"

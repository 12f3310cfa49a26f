#!/usr/bin/env bash
# At exit, atexit handlers run in reverse order of registration, interleaved with
# .fini_array according to when glibc registered its fini walker, and .fini_array runs
# back to front, so __attribute__((destructor(N))) entries sorted by priority run
# highest N first. A linker that mis-sorts .fini_array.N or drops .fini_array entries
# changes this order.
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
cat >dtors.c <<'EOF'
void say(const char *);
__attribute__((destructor(101))) static void dtor_101(void) { say("destructor 101"); }
__attribute__((destructor(200))) static void dtor_200(void) { say("destructor 200"); }
__attribute__((destructor)) static void dtor_default(void) { say("destructor default"); }
static void fini_raw(void) { say("raw .fini_array"); }
__attribute__((section(".fini_array"), used)) static void (*fini_raw_p)(void) = fini_raw;
EOF
cat >main.c <<'EOF'
#include <stdlib.h>
void say(const char *);
static void from_ctor(void) { say("atexit registered in constructor"); }
static void first(void) { say("atexit first"); }
static void second(void) { say("atexit second"); }
__attribute__((constructor)) static void ctor(void) { atexit(from_ctor); }
int main(void) {
  atexit(first);
  atexit(second);
  say("main returns 3");
  return 3;
}
EOF
for f in say dtors main; do compile_c -O0 -o "$f.o" "$f.c"; done
link_both dtors say.o dtors.o main.o

run_both_and_compare dtors
expect_stdout dtors "main returns 3
atexit second
atexit first
atexit registered in constructor
raw .fini_array
destructor default
destructor 200
destructor 101"
expect_status dtors 3
elflint_compare dtors

# .fini_array holds priority-sorted entries first (101 before 200) and the plain ones
# after; glibc walks it backwards.
pointer_array_symbols dtors.rivet .fini_array >dtors.rivet.fini
pointer_array_symbols dtors.bfd .fini_array >dtors.bfd.fini
assert_words_in_order dtors.rivet.fini "our destructors in rivet's .fini_array" dtor_101 dtor_200 dtor_default fini_raw
diff -u dtors.bfd.fini dtors.rivet.fini >fini.diff ||
  fail "expected .fini_array to hold the same functions in the same order as ld.bfd's; diff (bfd -> rivet):"$'\n'"$(cat fini.diff)"
assert_eq "$(section_field dtors.rivet .fini_array type)" FINI_ARRAY "type of .fini_array"

#!/usr/bin/env bash
# Link-time warnings (GNU extension): a section ".gnu.warning.SYM" makes every
# reference an object makes to SYM print its message, where the reference is, in GNU
# ld's words; ".gnu.warning" alone warns when its object is linked. glibc's gets
# carries one in libc.so.6 and in libc.a. The link still succeeds (exit 0) and the
# warning sections do not reach an executable; a shared object keeps them, so that
# its users are warned in turn. --fatal-warnings makes them errors.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >gets.c <<'EOF2'
#include <stdio.h>
char *gets(char *);
int main(void) { char b[16]; return gets(b) == 0; }
EOF2
cat >deprecate.c <<'EOF2'
static const char warn_foo[] __attribute__((used, section(".gnu.warning.foo"))) =
    "function foo is deprecated";
static const char warn_file[] __attribute__((used, section(".gnu.warning"))) =
    "this object is obsolete";
void foo(void) {}
EOF2
cat >call.c <<'EOF2'
void foo(void);
void call_foo(void) { foo(); }
int main(void) { call_foo(); return 0; }
EOF2
cat >lib.c <<'EOF2'
static const char warn_bar[] __attribute__((used, section(".gnu.warning.bar"))) =
    "bar is going away";
int bar(void) { return 7; }
EOF2
cat >usebar.c <<'EOF2'
int bar(void);
int main(void) { return bar() - 7; }
EOF2
compile_c -O0 -o gets.o gets.c
compile_c -O0 -o deprecate.o deprecate.c
compile_c -O0 -o call.o call.c
compile_c -O0 -fPIC -o lib.o lib.c
compile_c -O0 -o usebar.o usebar.c

gets_msg="warning: the \`gets' function is dangerous and should not be used."
for mode in dynamic static; do
  flag=$([ $mode = static ] && echo -static || true)
  gcc $flag -B"$RIVET_LIBEXEC/" -o gets-$mode gets.o 2>gets-$mode.err || fail "gets-$mode: the link failed: $(cat gets-$mode.err)"
  assert_contains "$(cat gets-$mode.err)" "gets.o: in function \`main':" "gets-$mode: where the reference is"
  assert_contains "$(cat gets-$mode.err)" "gets.c:(.text+0x" "gets-$mode: source file and offset"
  assert_contains "$(cat gets-$mode.err)" "$gets_msg" "gets-$mode: glibc's message"
done

gcc -B"$RIVET_LIBEXEC/" -o call call.o deprecate.o 2>call.err || fail "call: the link failed"
assert_contains "$(cat call.err)" "call.o: in function \`call_foo':" "call: the referencing function"
assert_contains "$(cat call.err)" "warning: function foo is deprecated" "call: the symbol's message"
assert_contains "$(cat call.err)" "deprecate.o: warning: this object is obsolete" "call: the object's message"
[ "$(grep -c 'function foo is deprecated' call.err)" = 1 ] || fail "call: expected one warning per reference: $(cat call.err)"
has_section call .gnu.warning.foo && fail "call: .gnu.warning.foo was copied into the executable"
has_section call .gnu.warning && fail "call: .gnu.warning was copied into the executable"
./call || fail "call: the program failed"

gcc -shared -B"$RIVET_LIBEXEC/" -o libbar.so lib.o 2>libbar.err || fail "libbar.so: the link failed"
has_section libbar.so .gnu.warning.bar || fail "libbar.so: a shared object keeps .gnu.warning.bar"
gcc -B"$RIVET_LIBEXEC/" -o usebar usebar.o libbar.so 2>usebar.err || fail "usebar: the link failed"
assert_contains "$(cat usebar.err)" "warning: bar is going away" "usebar: the library's message"
LD_LIBRARY_PATH=. ./usebar || fail "usebar: the program failed"

if gcc -B"$RIVET_LIBEXEC/" -Wl,--fatal-warnings -o fatal usebar.o libbar.so 2>fatal.err; then
  fail "--fatal-warnings: the link succeeded despite the warning"
fi
[ ! -e fatal ] || fail "--fatal-warnings: an output file was left"

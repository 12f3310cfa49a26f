#!/usr/bin/env bash
# Link-time warnings (GNU extension): a section ".gnu.warning.SYM" makes the first
# object that references SYM print its message at each of its references, in GNU
# ld's words, with the source line when the object has DWARF; ".gnu.warning" alone
# warns when its object is linked. glibc's gets carries one in libc.so.6 and libc.a. The link still succeeds (exit 0) and the
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

# With debug information the place is the source line, as GNU ld finds it: from the
# line table for code (DWARF 5 and 4, and compressed), from the variable's entry for
# data (a table of function pointers); the messages must be GNU ld's, line for line.
mkdir -p sub
cp call.c sub/call.c
cat >table.c <<'EOF2'
void foo(void);

static void (*const table[])(void) __attribute__((used)) = {
    foo,
};
EOF2
compile_c -O0 -g -gdwarf-5 -o call5.o sub/call.c
compile_c -O0 -g -gdwarf-4 -o call4.o sub/call.c
compile_c -O0 -g -gz=zlib -o callz.o sub/call.c
compile_c -O0 -g -o table.o table.c
# The warning goes to the first object that references foo: table.o before call.o.
for o in call5 call4 callz table; do
  main=$([ $o = table ] && echo call.o || true)
  gcc -B"$RIVET_LIBEXEC/" -o prog-$o $o.o $main deprecate.o 2>$o.rivet.err || fail "$o: the link failed"
  gcc -fuse-ld=bfd -o prog-$o.bfd $o.o $main deprecate.o 2>$o.bfd.err || fail "$o: ld.bfd failed"
  want=$(sed 's|^[^ ]*/ld\.bfd: ||' $o.bfd.err | grep -E "in function|function foo is deprecated" | sort)
  got=$(sed 's|^ld\.rivet: warning: ||' $o.rivet.err | grep -E "in function|function foo is deprecated" | sort)
  assert_eq "$got" "$want" "$o: the warning lines, against ld.bfd's"
  assert_contains "$got" ":$([ $o = table ] && echo 3 || echo 2): warning: function foo is deprecated" "$o: the source line"
  grep -q "call.o" $o.rivet.err && fail "$o: a second object was warned: $(cat $o.rivet.err)"
done

if gcc -B"$RIVET_LIBEXEC/" -Wl,--fatal-warnings -o fatal usebar.o libbar.so 2>fatal.err; then
  fail "--fatal-warnings: the link succeeded despite the warning"
fi
[ ! -e fatal ] || fail "--fatal-warnings: an output file was left"

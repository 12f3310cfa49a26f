#!/usr/bin/env bash
# An undefined reference in an object with DWARF names the source line and the
# function, as lld and mold show it (">>> referenced by DIR/caller.c:3" then
# "caller.o:(main)"), for DWARF 5 and 4; without debug information, the section and
# offset. A symbol name longer than the message buffer (a C++ name can be) is cut,
# not written past it: exit 1, no crash.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >caller.c <<'EOF2'
int rivet_missing_fn(int);
int main(void) {
  return rivet_missing_fn(1);
}
EOF2
for dw in 5 4; do
  compile_c -O0 -g -gdwarf-$dw -o caller$dw.o caller.c
  expect_link_error prog$dw "undefined reference to \`rivet_missing_fn'" \
    ">>> referenced by $PWD/caller.c:3" "caller$dw.o:(main)" -- gcc -B"$RIVET_LIBEXEC/" -o prog$dw caller$dw.o
done
compile_c -O0 -o caller.o caller.c
expect_link_error prog "undefined reference to \`rivet_missing_fn'" ">>> referenced by caller.o:(.text+0x" \
  -- gcc -B"$RIVET_LIBEXEC/" -o prog caller.o

name="f$(printf 'x%.0s' $(seq 1 5000))"
printf 'void %s(void);\nint main(void) { %s(); %s(); %s(); %s(); return 0; }\n' "$name" "$name" "$name" "$name" "$name" >long.c
compile_c -O0 -g -o long.o long.c
expect_link_error proglong "undefined reference to \`fxxxx" -- gcc -B"$RIVET_LIBEXEC/" -o proglong long.o

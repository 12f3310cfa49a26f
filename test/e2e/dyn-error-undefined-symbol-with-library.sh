#!/usr/bin/env bash
# A shared library on the command line does not make every reference resolvable: a
# symbol that neither the objects nor the library (nor libc) define is still an error,
# "undefined reference to `NAME'" naming the referencing object, reported once, with no output
# file -- in every executable mode, and also when the library defines similar names.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int in_lib(int x) { return x; }
int in_lib_too(int x) { return x; }
EOF2
cat >main.c <<'EOF2'
int in_lib(int), not_in_lib(int);
int main(void) { return in_lib(1) + not_in_lib(2) + not_in_lib(3); }
EOF2
build_shlib libsome.so libsome.so lib.c
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  expect_link_error prog-"$mode" "undefined reference to \`not_in_lib'" "main-$mode.o" -- gcc -B"$RIVET_LIBEXEC/" "${MODE_LDFLAGS[@]}" -o prog-"$mode" main-"$mode".o -L. -lsome
  expect_one_error_line
done

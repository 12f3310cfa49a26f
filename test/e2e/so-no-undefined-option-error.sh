#!/usr/bin/env bash
# --no-undefined is -z defs by another name: a shared object referencing a symbol no
# input defines fails to link (exit 1, "undefined reference to `NAME'" and the referencing
# object named, no output file). A weak undefined reference is not an error: that
# library links and, loaded with nothing defining the symbol, sees its address as 0.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
extern int rivet_absent_var;
int lib_read(void) { return rivet_absent_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_weak(void);
int main(void) { printf("%d\n", lib_weak()); return 0; }
EOF2
cat >weak.c <<'EOF2'
__attribute__((weak)) extern int rivet_absent_weak;
int lib_weak(void) { return &rivet_absent_weak ? 1 : 0; }
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
compile_c -O1 -fPIC -o weak.o weak.c
if gcc -shared -fuse-ld=bfd -Wl,--no-undefined -o bfd.so lib.o 2>/dev/null; then
  fail "test setup: expected ld.bfd --no-undefined to reject the undefined reference too"
fi
expect_link_error libbad.so "undefined reference to \`rivet_absent_var'" lib.o -- \
  gcc -shared -B"$RIVET_LIBEXEC/" -Wl,--no-undefined -o libbad.so lib.o
so_link_both libweak.so -Wl,--no-undefined weak.o
assert_eq "$(dynsym_field rivet/libweak.so rivet_absent_weak bind) $(dynsym_field rivet/libweak.so rivet_absent_weak ndx)" \
  "WEAK UND" "rivet/libweak.so: .dynsym entry of the weak undefined rivet_absent_weak"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lweak
so_run_matrix prog
so_expect_stdout prog 0
so_elflint_compare libweak.so

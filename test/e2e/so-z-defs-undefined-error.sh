#!/usr/bin/env bash
# -z defs makes an undefined symbol in a shared object an error: exit 1, a message
# "undefined reference to `NAME'" naming the referencing object, no output file -- while the
# same inputs with everything defined link fine under -z defs and run.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int rivet_nowhere_fn(int);
int lib_entry(int x) { return rivet_nowhere_fn(x) + 1; }
EOF2
cat >fixed.c <<'EOF2'
#include <stdlib.h>
int rivet_nowhere_fn(int x) { return abs(x) * 3; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_entry(int);
int main(void) { printf("%d\n", lib_entry(-4)); return 0; }
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
compile_c -O1 -fPIC -o fixed.o fixed.c
if gcc -shared -fuse-ld=bfd -Wl,-z,defs -o bfd.so lib.o 2>/dev/null; then
  fail "test setup: expected ld.bfd -z defs to reject the undefined reference too"
fi
expect_link_error libbad.so "undefined reference to \`rivet_nowhere_fn'" lib.o -- \
  gcc -shared -B"$RIVET_LIBEXEC/" -Wl,-z,defs -o libbad.so lib.o

so_link_both libx.so -Wl,-z,defs lib.o fixed.o
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx
so_run_matrix prog
so_expect_stdout prog 13
so_elflint_compare libx.so

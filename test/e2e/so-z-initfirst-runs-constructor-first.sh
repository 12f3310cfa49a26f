#!/usr/bin/env bash
# -z initfirst sets DF_1_INITFIRST, and the loader runs that library's constructors
# before those of every other object: libfirst.so is linked after libother.so, which
# would normally make libother.so's constructor run first.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >first.c <<'EOF2'
#include <stdio.h>
__attribute__((constructor)) static void init(void) { puts("libfirst constructor"); }
int first(void) { return 1; }
EOF2
cat >other.c <<'EOF2'
#include <stdio.h>
__attribute__((constructor)) static void init(void) { puts("libother constructor"); }
int other(void) { return 2; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int first(void), other(void);
__attribute__((constructor)) static void init(void) { puts("main constructor"); }
int main(void) { printf("%d\n", first() + other()); return 0; }
EOF2
so_link_both libfirst.so -Wl,-z,initfirst first.c
so_link_both libother.so other.c
assert_has_word "$(dynamic_flags_1 rivet/libfirst.so)" INITFIRST "DT_FLAGS_1 of rivet/libfirst.so"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -Wl,--no-as-needed -lfirst -lother
so_run_matrix prog
so_expect_stdout prog "libfirst constructor
libother constructor
main constructor
3"
so_elflint_compare libfirst.so

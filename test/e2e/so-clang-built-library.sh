#!/usr/bin/env bash
# clang -shared --ld-path=ld.rivet: a C library compiled and linked by clang (which
# passes its own set of driver options and crt files, and emits its own relocation
# mix) works when loaded by executables linked by rivet and by ld.bfd, calling a
# function, reading a variable, and calling back into libc.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools clang

cat >lib.c <<'EOF2'
#include <stdio.h>
#include <string.h>
int clang_var = 6;
static const char *const words[] = {"zero", "one", "two"};
const char *clang_word(int i) { return words[i % 3]; }
int clang_len(const char *s) { char buf[32]; snprintf(buf, sizeof buf, "<%s>", s); return (int)strlen(buf) + clang_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int clang_var;
const char *clang_word(int);
int clang_len(const char *);
int main(void) { printf("%s %s %d\n", clang_word(1), clang_word(5), clang_len("abc")); clang_var = 0; printf("%d\n", clang_len("")); return 0; }
EOF2
mkdir -p rivet bfd
run clang -shared -fPIC -O2 -fuse-ld=bfd -o bfd/libcl.so lib.c
run clang -shared -fPIC -O2 --ld-path="$LD_RIVET" -o rivet/libcl.so lib.c || fail "rivet failed to link the clang-built library (ld.bfd linked the same inputs)"
compile_clang -O1 -o main.o main.c
so_dlink_matrix prog main.o -lcl
so_run_matrix prog
so_expect_stdout prog "one two 11
2"
so_elflint_compare libcl.so

#!/usr/bin/env bash
# C compiled by clang, linked through the clang driver with --ld-path pointing at
# ld.rivet. clang's objects differ from gcc's in section and relocation choices and
# carry an SHF_EXCLUDE .llvm_addrsig section that must not reach the output; one
# translation unit is compiled by gcc to mix both compilers' objects in one link.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools clang

cat >lib_gcc.c <<'EOF'
__thread int per_thread = 3;
int gcc_side(int x) { return x * per_thread; }
EOF
cat >main_clang.c <<'EOF'
#include <stdio.h>
#include <string.h>
extern __thread int per_thread;
int gcc_side(int);
static int ctor_ran;
__attribute__((constructor)) static void init(void) { ctor_ran = 1; }
static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static int (*const ops[])(int, int) = {add, mul};
int main(void) {
  char buf[32];
  strcpy(buf, "clang");
  per_thread = 4;
  printf("%s: ctor=%d ops=%d,%d gcc_side=%d len=%zu\n", buf, ctor_ran, ops[0](2, 3), ops[1](2, 3),
         gcc_side(10), strlen(buf));
  return 0;
}
EOF
compile_c -O1 -o lib_gcc.o lib_gcc.c
compile_clang -O1 -o main_clang.o main_clang.c
grep -qx '.llvm_addrsig' <(section_names main_clang.o) || fail "test setup: expected clang to emit .llvm_addrsig in main_clang.o"
link_both_clang clangc main_clang.o lib_gcc.o

run_both_and_compare clangc
expect_stdout clangc "clang: ctor=1 ops=5,6 gcc_side=40 len=5"
expect_status clangc 0
elflint_compare clangc
! has_section clangc.rivet .llvm_addrsig || fail "expected no .llvm_addrsig section in the output (it describes input sections only)"

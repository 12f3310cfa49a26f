#!/usr/bin/env bash
# A version node may be named VERSION: "VERSION { global: foo*; local: *; };" is a node
# (GNU ld and lld read it so), not the linker-script command that wraps nodes. foo_1
# and foo_2 are exported as @@VERSION, hidden_3 is local, and dlvsym finds foo_1 in
# version VERSION.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int foo_1(void) { return 1; }
int foo_2(void) { return 2; }
int hidden_3(void) { return 3; }
EOF2
echo 'VERSION { global: foo*; local: *; };' >lib.map
cat >main.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
static int call(void *p) { return p ? ((int (*)(void))p)() : -1; }
int main(void) {
  void *h = dlopen("libv.so", RTLD_NOW);
  if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
  printf("%d %d %d\n", call(dlvsym(h, "foo_1", "VERSION")), call(dlsym(h, "foo_2")), call(dlsym(h, "hidden_3")));
  return 0;
}
EOF2
so_link_both libv.so -O1 lib.c -Wl,--version-script=lib.map
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -ldl
so_run_matrix prog
so_expect_stdout prog "1 2 -1"
assert_eq "$(defined_dynsyms rivet/libv.so | tr '\n' ' ')" "$(defined_dynsyms bfd/libv.so | tr '\n' ' ')" "defined .dynsym entries and versions of rivet/libv.so (vs ld.bfd's)"
assert_eq "$(verdefs rivet/libv.so | awk '{print $2}' | tr '\n' ' ')" "libv.so VERSION " "version definitions of rivet/libv.so"
so_elflint_compare libv.so

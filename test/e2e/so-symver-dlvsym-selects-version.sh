#!/usr/bin/env bash
# With foo@V1, foo@V2 (both non-default) and foo@@V3 defined through .symver, dlvsym
# returns each version's own function, dlsym returns the default (V3), and a version
# the library does not define is not found.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__asm__(".symver foo_1, foo@V1");
__asm__(".symver foo_2, foo@V2");
__asm__(".symver foo_3, foo@@V3");
int foo_1(void) { return 1; }
int foo_2(void) { return 2; }
int foo_3(void) { return 3; }
EOF2
cat >lib.map <<'EOF2'
V1 { global: foo; local: *; };
V2 { global: foo; } V1;
V3 { global: foo; } V2;
EOF2
cat >main.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
static int call(void *p) { return p ? ((int (*)(void))p)() : -1; }
int main(void) {
  void *h = dlopen("libv.so", RTLD_NOW);
  if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
  printf("V1 %d V2 %d V3 %d V4 %d default %d\n", call(dlvsym(h, "foo", "V1")), call(dlvsym(h, "foo", "V2")),
         call(dlvsym(h, "foo", "V3")), call(dlvsym(h, "foo", "V4")), call(dlsym(h, "foo")));
  return 0;
}
EOF2
so_link_both libv.so -O1 lib.c -Wl,--version-script=lib.map
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -ldl
so_run_matrix prog
so_expect_stdout prog "V1 1 V2 2 V3 3 V4 -1 default 3"
assert_eq "$(dynsym rivet/libv.so | awk '$7 == "foo" { print $8 }' | sort | tr '\n' ' ')" "@@V3 @V1 @V2 " "rivet/libv.so: versions of the .dynsym entries for foo"
so_elflint_compare libv.so

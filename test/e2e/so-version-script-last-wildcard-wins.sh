#!/usr/bin/env bash
# When several nodes' wildcards match a name, the last node's wins (GNU ld and lld
# agree): with "VER1 { foo*; }; VER2 { foo*bar*; }; VER3 { qux_[ab]; };" and an earlier
# "qux_?" in VER1, foo_bar is foo_bar@@VER2 while foo_baz stays in VER1, and qux_a is
# VER3's. An exact name still beats every wildcard (exact_foo_bar stays in VER1 though
# VER3 has exact_*), and "*" ranks below any other wildcard: VER3's "local: *" hides only
# "other", which nothing else matches. dlvsym finds each name in its own version only;
# the table equals ld.bfd's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int foo_bar(void) { return 1; }
int foo_baz(void) { return 2; }
int qux_a(void) { return 3; }
int qux_c(void) { return 4; }
int exact_foo_bar(void) { return 5; }
int other(void) { return 6; }
EOF2
cat >lib.map <<'EOF2'
VER1 { global: foo*; qux_?; exact_foo_bar; };
VER2 { global: foo*bar*; };
VER3 { global: qux_[ab]; exact_*; local: *; };
EOF2
cat >main.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
static int call(void *p) { return p ? ((int (*)(void))p)() : -1; }
int main(void) {
  void *h = dlopen("libw.so", RTLD_NOW);
  if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
  const char *names[] = {"foo_bar", "foo_baz", "qux_a", "qux_c", "exact_foo_bar", "other"};
  for (int i = 0; i < 6; i++)
    printf("%s %d %d %d\n", names[i], call(dlvsym(h, names[i], "VER1")), call(dlvsym(h, names[i], "VER2")),
           call(dlvsym(h, names[i], "VER3")));
  return 0;
}
EOF2
so_link_both libw.so -O1 lib.c -Wl,--version-script=lib.map
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -ldl
so_run_matrix prog
so_expect_stdout prog "foo_bar -1 1 -1
foo_baz 2 -1 -1
qux_a -1 -1 3
qux_c 4 -1 -1
exact_foo_bar 5 -1 -1
other -1 -1 -1"
assert_eq "$(defined_dynsyms rivet/libw.so | tr '\n' ' ')" "$(defined_dynsyms bfd/libw.so | tr '\n' ' ')" "defined .dynsym entries and versions of rivet/libw.so (vs ld.bfd's)"
so_elflint_compare libw.so

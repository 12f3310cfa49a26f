#!/usr/bin/env bash
# Version-script patterns are shell globs: `*`, `?` and `[...]` select which
# definitions a node exports; an exact name in global wins over a `local: *`; anything
# else is hidden. The exported set equals ld.bfd's for the same script.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int pub_alpha(void) { return 1; }
int pub_beta(void) { return 2; }
int tag_a1(void) { return 3; }
int tag_b2(void) { return 4; }
int tag_c3(void) { return 5; }
int tag_long(void) { return 6; }
int exact_name(void) { return 7; }
int priv_gamma(void) { return 8; }
int set_x(void) { return 9; }
int set_y(void) { return 10; }
int set_z(void) { return 11; }
EOF2
cat >lib.map <<'EOF2'
VW_1 {
  global:
    pub_*;
    tag_??;
    set_[xy];
    exact_name;
  local:
    *;
};
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int main(void) {
  const char *names[] = {"pub_alpha", "pub_beta", "tag_a1", "tag_b2", "tag_c3", "tag_long",
                         "exact_name", "priv_gamma", "set_x", "set_y", "set_z"};
  void *h = dlopen("libx.so", RTLD_NOW);
  for (unsigned i = 0; i < sizeof names / sizeof *names; i++) {
    int (*f)(void) = (int (*)(void))dlsym(h, names[i]);
    printf("%s %d\n", names[i], f ? f() : -1);
  }
  return 0;
}
EOF2
so_link_both libx.so -O1 lib.c -Wl,--version-script=lib.map
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -ldl
so_run_matrix prog
so_expect_stdout prog "pub_alpha 1
pub_beta 2
tag_a1 3
tag_b2 4
tag_c3 5
tag_long -1
exact_name 7
priv_gamma -1
set_x 9
set_y 10
set_z -1"
assert_eq "$(defined_dynsyms rivet/libx.so | tr '\n' ' ')" "$(defined_dynsyms bfd/libx.so | tr '\n' ' ')" "defined .dynsym entries of rivet/libx.so (vs ld.bfd's)"
so_elflint_compare libx.so

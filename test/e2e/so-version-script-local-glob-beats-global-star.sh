#!/usr/bin/env bash
# In `{ global: *; local: secret_*; };` the more specific pattern wins: secret_* names
# are hidden although "*" is global (GNU ld ranks "*" below every other glob); an exact
# name in local: beats a glob in global: too (`global: keep_*; local: keep_not;`).
# Everything else is exported. The exported set equals ld.bfd's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int secret_a(void) { return 1; }
int secret_b(void) { return 2; }
int keep_yes(void) { return 3; }
int keep_not(void) { return 4; }
int plain(void) { return secret_a() + secret_b() + keep_not(); }
EOF2
cat >lib.map <<'EOF2'
{
  global:
    *;
    keep_*;
  local:
    secret_*;
    keep_not;
};
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int main(void) {
  const char *names[] = {"secret_a", "secret_b", "keep_yes", "keep_not", "plain"};
  void *h = dlopen("libx.so", RTLD_NOW);
  for (int i = 0; i < 5; i++) {
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
so_expect_stdout prog "secret_a -1
secret_b -1
keep_yes 3
keep_not -1
plain 7"
assert_eq "$(defined_dynsyms rivet/libx.so | tr '\n' ' ')" "$(defined_dynsyms bfd/libx.so | tr '\n' ' ')" "defined .dynsym entries of rivet/libx.so (vs ld.bfd's)"
so_elflint_compare libx.so

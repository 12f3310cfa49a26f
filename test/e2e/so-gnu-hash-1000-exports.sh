#!/usr/bin/env bash
# A shared object exporting 1000 functions and 1000 variables with the GNU hash table
# (the gcc driver's default --hash-style=gnu): DT_GNU_HASH present, no DT_HASH; dlsym
# finds every one of them (wrong bucket/chain/bloom contents lose some names) and
# returns the right address for each, and names that are not exported are not found.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

{
  for i in $(seq 0 999); do
    echo "int many_fn_$i(void) { return $i; }"
    echo "int many_var_$i = $i * 2;"
  done
} >lib.c
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int main(void) {
  void *h = dlopen("libmany.so", RTLD_NOW);
  if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
  int bad = 0, found_absent = 0;
  for (int i = 0; i < 1000; i++) {
    char name[32];
    snprintf(name, sizeof name, "many_fn_%d", i);
    int (*f)(void) = (int (*)(void))dlsym(h, name);
    if (!f || f() != i) { printf("bad %s\n", name); bad++; }
    snprintf(name, sizeof name, "many_var_%d", i);
    int *v = (int *)dlsym(h, name);
    if (!v || *v != 2 * i) { printf("bad %s\n", name); bad++; }
    snprintf(name, sizeof name, "many_fn_%d", i + 1000);
    if (dlsym(h, name)) found_absent++;
    snprintf(name, sizeof name, "many_fnx%d", i);
    if (dlsym(h, name)) found_absent++;
  }
  printf("bad %d found-absent %d\n", bad, found_absent);
  return 0;
}
EOF2
so_link_both libmany.so -Wl,--hash-style=gnu lib.c
lib=rivet/libmany.so
has_dynamic_tag $lib GNU_HASH || fail "$lib: expected DT_GNU_HASH"
has_dynamic_tag $lib HASH && fail "$lib: expected no DT_HASH with --hash-style=gnu"
assert_eq "$(dynsym $lib | awk '$6 != "UND" && $7 ~ /^many_/' | wc -l)" 2000 "$lib: defined many_* entries in .dynsym"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -ldl
so_run_matrix prog
so_expect_stdout prog "bad 0 found-absent 0"
so_elflint_compare libmany.so

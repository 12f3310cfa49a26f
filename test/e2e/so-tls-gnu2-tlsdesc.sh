#!/usr/bin/env bash
# TLS descriptors (-mtls-dialect=gnu2) in a shared object: R_X86_64_TLSDESC relocations
# stay dynamic (against the symbol for an exported variable; one for the static
# variable too), and threads each see their own values, both when the library is
# linked into the executable and when it is dlopen'ed.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__thread int desc_var = 3;
static __thread int desc_static = 4;
int desc_work(int id) { for (int i = 0; i < 5; i++) { desc_var += id; desc_static += 2 * id; } return desc_var * 100 + desc_static; }
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
static int (*work)(int);
static int res[3];
static void *worker(void *arg) { int id = (int)(long)arg; res[id] = work(id); return NULL; }
int desc_work(int);
int main(int argc, char **argv) {
  (void)argv;
  if (argc > 1) {
    void *h = dlopen("libdesc2.so", RTLD_NOW);
    if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
    work = (int (*)(int))dlsym(h, "desc_work");
  } else {
    work = desc_work;
  }
  pthread_t t[3];
  for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  for (int i = 0; i < 3; i++) printf("%d\n", res[i]);
  return 0;
}
EOF2
compile_c -O1 -fPIC -mtls-dialect=gnu2 -o lib.o lib.c
readelf -rW lib.o | grep -q R_X86_64_GOTPC32_TLSDESC || fail "test setup: expected lib.o to use R_X86_64_GOTPC32_TLSDESC"
so_link_both libdesc.so lib.o
so_link_both libdesc2.so lib.o
lib=rivet/libdesc.so
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -ldesc -ldl -pthread
so_run_matrix prog
so_expect_stdout prog "304
814
1324"
so_run_matrix prog dlopen
so_expect_stdout prog "304
814
1324"
assert_eq "$(dyn_reloc_count $lib R_X86_64_TLSDESC desc_var)" 1 "$lib: TLSDESC relocations for desc_var"
[ "$(dyn_reloc_count $lib R_X86_64_TLSDESC)" -ge 2 ] || fail "$lib: expected TLSDESC relocations for desc_var and desc_static, got: $(dyn_relocs $lib | grep TLSDESC | tr '\n' ';')"
so_elflint_compare libdesc.so

#!/usr/bin/env bash
# Local-dynamic TLS (-ftls-model=local-dynamic) in a shared object: one __tls_get_addr
# call for the module base and DTPOFF32 offsets from it; the library keeps one
# R_X86_64_DTPMOD64 with no symbol (module id of the library itself), no relocation
# against the static TLS variables, and each thread sees its own values of them.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
static __thread int ld_a = 5;
static __thread int ld_b;
static __thread char ld_big[4096];
int ld_work(int id) {
  for (int i = 0; i < 100; i++) { ld_a += id; ld_b -= id; ld_big[i] = (char)id; }
  return ld_a * 1000 + ld_b + ld_big[99];
}
EOF2
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdio.h>
int ld_work(int);
static int res[4];
static void *worker(void *arg) { int id = (int)(long)arg; res[id] = ld_work(id); return NULL; }
int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
  for (int i = 0; i < 4; i++) printf("%d\n", res[i]);
  printf("main %d\n", ld_work(1));
  return 0;
}
EOF2
compile_c -O2 -fPIC -ftls-model=local-dynamic -o lib.o lib.c
readelf -rW lib.o | grep -q R_X86_64_TLSLD || fail "test setup: expected lib.o to use R_X86_64_TLSLD"
so_link_both libld.so lib.o
lib=rivet/libld.so
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lld -pthread
so_run_matrix prog
so_expect_stdout prog "5000
104901
204802
304703
main 104901"
assert_eq "$(dyn_reloc_count $lib R_X86_64_DTPMOD64 -)" 1 "$lib: DTPMOD64 relocations without a symbol (the local-dynamic module id)"
assert_eq "$(dyn_relocs $lib | awk '$2 ~ /TPOFF|DTPOFF/' | wc -l)" 0 "$lib: TPOFF/DTPOFF dynamic relocations (local-dynamic offsets are link-time constants)"
so_elflint_compare libld.so

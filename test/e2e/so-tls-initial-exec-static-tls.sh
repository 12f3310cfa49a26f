#!/usr/bin/env bash
# Initial-exec TLS (-ftls-model=initial-exec) in a shared object: the library reads
# its thread-local variables through GOT slots filled by R_X86_64_TPOFF64 (against the
# symbol for an exported variable), and marks itself DF_STATIC_TLS in DT_FLAGS (it
# needs static TLS space), as ld.bfd does. Threads see their own values.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__thread int ie_var = 7;
static __thread int ie_static = 1;
int ie_work(int id) { for (int i = 0; i < 10; i++) { ie_var += id; ie_static *= 2; } return ie_var * 10000 + ie_static; }
EOF2
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdio.h>
extern __thread int ie_var;
int ie_work(int);
static int res[3];
static void *worker(void *arg) { int id = (int)(long)arg; res[id] = ie_work(id); return NULL; }
int main(void) {
  pthread_t t[3];
  for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  for (int i = 0; i < 3; i++) printf("%d\n", res[i]);
  printf("main ie_var %d\n", ie_var);
  return 0;
}
EOF2
compile_c -O1 -fPIC -ftls-model=initial-exec -o lib.o lib.c
readelf -rW lib.o | grep -q R_X86_64_GOTTPOFF || fail "test setup: expected lib.o to use R_X86_64_GOTTPOFF"
so_link_both libie.so lib.o
lib=rivet/libie.so
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lie -pthread
so_run_matrix prog
so_expect_stdout prog "71024
171024
271024
main ie_var 7"
assert_has_word "$(dynamic_flags $lib)" STATIC_TLS "DT_FLAGS of $lib"
assert_eq "$(dyn_reloc_count $lib R_X86_64_TPOFF64 ie_var)" 1 "$lib: TPOFF64 relocations for ie_var"
[ "$(dyn_reloc_count $lib R_X86_64_TPOFF64)" = 2 ] || fail "$lib: expected 2 TPOFF64 relocations (ie_var, and ie_static without a symbol), got: $(dyn_relocs $lib | grep TPOFF64 | tr '\n' ';')"
so_elflint_compare libie.so

#!/usr/bin/env bash
# A dlopen'ed shared object with general-dynamic TLS (dynamic TLS: its block is
# allocated by __tls_get_addr on first use in each thread, including threads created
# before the dlopen): every thread sees the initial values from .tdata, zeroed .tbss
# and then its own updates; a second library's TLS in the same thread does not alias
# the first's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__thread int dl_init = 42;
__thread long dl_zero[16];
int dl_touch(int id) {
  int before = dl_init;
  long z = dl_zero[15];
  dl_init += id;
  dl_zero[15] = id;
  return before * 1000 + (int)z * 100 + dl_init;
}
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
static int (*touch_a)(int), (*touch_b)(int);
static pthread_barrier_t loaded;
static int res[3][2];
static void *worker(void *arg) {
  int id = (int)(long)arg;
  pthread_barrier_wait(&loaded);
  res[id][0] = touch_a(id + 1);
  res[id][1] = touch_b(id + 5);
  return NULL;
}
int main(void) {
  pthread_t t[3];
  pthread_barrier_init(&loaded, NULL, 4);
  for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  void *a = dlopen("libtlsa.so", RTLD_NOW), *b = dlopen("libtlsb.so", RTLD_NOW);
  if (!a || !b) { printf("dlopen: %s\n", dlerror()); return 1; }
  touch_a = (int (*)(int))dlsym(a, "dl_touch");
  touch_b = (int (*)(int))dlsym(b, "dl_touch");
  pthread_barrier_wait(&loaded);
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  for (int i = 0; i < 3; i++) printf("%d %d\n", res[i][0], res[i][1]);
  int first = touch_a(9);
  printf("main %d %d\n", first, touch_a(1));
  return 0;
}
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
so_link_both libtlsa.so lib.o
so_link_both libtlsb.so lib.o
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -ldl -pthread
so_run_matrix prog
so_expect_stdout prog "42043 42047
42044 42048
42045 42049
main 42051 51952"
so_elflint_compare libtlsa.so

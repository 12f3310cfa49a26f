#!/usr/bin/env bash
# A multithreaded program against libc.so.6's pthreads: threads started and joined,
# a mutex-protected counter, a condition variable, pthread_once, thread-specific data
# with a destructor, and a user library function called from every thread (its lazy
# PLT binding raced by eight threads). In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
long lib_work(long x) { long s = 0; for (long i = 0; i <= x; i++) s += i; return s; }
EOF2
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
long lib_work(long);
#define N 8
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t key;
static long total;
static int started, once_runs, dtor_runs;
static void init_once(void) { once_runs++; pthread_key_create(&key, NULL); }
static void key_dtor(void *p) { (void)p; pthread_mutex_lock(&mu); dtor_runs++; pthread_mutex_unlock(&mu); }
static pthread_key_t key2;
static void *worker(void *arg) {
  long id = (long)(intptr_t)arg;
  pthread_once(&once, init_once);
  pthread_setspecific(key2, (void *)1);
  pthread_mutex_lock(&mu);
  started++;
  pthread_cond_broadcast(&cv);
  while (started < N) pthread_cond_wait(&cv, &mu);
  pthread_mutex_unlock(&mu);
  long v = lib_work(id * 100);
  pthread_mutex_lock(&mu);
  total += v;
  pthread_mutex_unlock(&mu);
  return (void *)(intptr_t)(id * 2);
}
int main(void) {
  pthread_key_create(&key2, key_dtor);
  pthread_t th[N];
  for (long i = 0; i < N; i++) pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
  long rets = 0;
  for (int i = 0; i < N; i++) { void *r; pthread_join(th[i], &r); rets += (long)(intptr_t)r; }
  printf("total %ld rets %ld once %d dtors %d\n", total, rets, once_runs, dtor_runs);
  return 0;
}
EOF2
build_shlib libwork.so libwork.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -pthread -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lwork -pthread
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "total 701400 rets 56 once 1 dtors 8"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

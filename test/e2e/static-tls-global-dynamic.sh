#!/usr/bin/env bash
# __thread variables reached through the general-dynamic model (-fPIC -ftls-
# model=global-dynamic: R_X86_64_TLSGD + a call to __tls_get_addr). In a static
# executable the linker relaxes the sequence to local-exec or resolves __tls_get_addr
# against a GOT pair (module 1, offset); either way every thread must reach its own
# copy.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

# def.c defines the variables and reads them with the compiler's default model;
# access.c reads and writes the same variables (plus two TU-local ones) with the model
# under test. Four threads and the main thread each check that they see the initial
# values, then their own writes, through both translation units.
cat >def.c <<'EOF'
__attribute__((visibility("hidden"))) __thread int counter = 5;
__thread long pair[2] = {11, 22};
__thread int zeroed;
int def_counter(void) { return counter; }
long def_pair(int i) { return pair[i]; }
int def_zeroed(void) { return zeroed; }
int *def_counter_addr(void) { return &counter; }
EOF
cat >access.c <<'EOF'
extern __attribute__((visibility("hidden"))) __thread int counter;
extern __thread long pair[2];
extern __thread int zeroed;
static __thread int local_init = 9;
static __thread int local_zero;
void bump(int id) {
  counter += id;
  pair[1] += id;
  zeroed = id;
  local_init += id;
  local_zero = 2 * id;
}
int access_counter(void) { return counter; }
long access_pair(int i) { return pair[i]; }
int access_zeroed(void) { return zeroed; }
int access_local_init(void) { return local_init; }
int access_local_zero(void) { return local_zero; }
int *access_counter_addr(void) { return &counter; }
EOF
cat >main.c <<'EOF'
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
void bump(int);
int access_counter(void), access_zeroed(void), access_local_init(void), access_local_zero(void);
long access_pair(int);
int *access_counter_addr(void);
int def_counter(void), def_zeroed(void);
long def_pair(int);
int *def_counter_addr(void);

#define NTHREADS 4
static pthread_barrier_t barrier;
static int *addrs[NTHREADS + 1];

static int work(int id) {
  int bad = 0;
  if (access_counter() != 5 || def_counter() != 5) bad |= 1;
  if (access_pair(0) != 11 || access_pair(1) != 22 || def_pair(1) != 22) bad |= 2;
  if (access_zeroed() != 0 || def_zeroed() != 0) bad |= 4;
  if (access_local_init() != 9 || access_local_zero() != 0) bad |= 8;
  if (access_counter_addr() != def_counter_addr()) bad |= 16;
  addrs[id] = access_counter_addr();
  bump(id + 1);
  pthread_barrier_wait(&barrier);
  if (access_counter() != 6 + id || def_counter() != 6 + id) bad |= 32;
  if (access_pair(1) != 23 + id || def_pair(1) != 23 + id || def_pair(0) != 11) bad |= 64;
  if (access_zeroed() != id + 1 || def_zeroed() != id + 1) bad |= 128;
  if (access_local_init() != 10 + id || access_local_zero() != 2 * (id + 1)) bad |= 256;
  for (int j = 0; j <= NTHREADS; j++)
    if (j != id && addrs[j] == addrs[id]) bad |= 512;
  pthread_barrier_wait(&barrier); /* keep every thread's TLS alive until all compared */
  return bad;
}

static void *thread_main(void *arg) { return (void *)(intptr_t)work((int)(intptr_t)arg); }

int main(void) {
  pthread_t th[NTHREADS];
  pthread_barrier_init(&barrier, NULL, NTHREADS + 1);
  for (int i = 0; i < NTHREADS; i++) pthread_create(&th[i], NULL, thread_main, (void *)(intptr_t)(i + 1));
  printf("main: bad=%d\n", work(0));
  for (int i = 0; i < NTHREADS; i++) {
    void *ret;
    pthread_join(th[i], &ret);
    printf("thread %d: bad=%d\n", i + 1, (int)(intptr_t)ret);
  }
  return 0;
}
EOF
compile_c -O1 -o def.o def.c
compile_c -O1 -fPIC -ftls-model=global-dynamic -o access.o access.c
compile_c -O1 -pthread -o main.o main.c
# The test is only about global-dynamic if the compiler really emitted its relocations.
want_relocs=(R_X86_64_TLSGD)
for r in "${want_relocs[@]}"; do
  grep -q "$r" <(readelf -rW access.o) || fail "test setup: expected $r relocations in access.o compiled with -fPIC -ftls-model=global-dynamic, found none"
done
link_both tls main.o def.o access.o -pthread

run_both_and_compare tls
expect_stdout tls "main: bad=0
thread 1: bad=0
thread 2: bad=0
thread 3: bad=0
thread 4: bad=0"
expect_status tls 0
elflint_compare tls
assert_eq "$(phdr_rows tls.rivet TLS | wc -l)" 1 "number of PT_TLS program headers"

#!/usr/bin/env bash
# POSIX threads in a static program: mutexes, condition variables, barriers,
# pthread_once and thread-specific data with destructors. libc.a's thread start-up
# copies the TLS template, sets up the stack guard and runs key destructors at thread
# exit, all of which depend on the linker's TLS layout and IRELATIVE processing.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >threads.c <<'EOF'
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NTHREADS 4
#define ITERS 100000
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t barrier;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t key;
static long counter;
static int once_calls, key_dtor_calls;
static int queue[64], q_head, q_tail;
static long consumed;

static void key_dtor(void *p) {
  pthread_mutex_lock(&lock);
  key_dtor_calls++;
  pthread_mutex_unlock(&lock);
  free(p);
}
static void init_once(void) {
  once_calls++;
  pthread_key_create(&key, key_dtor);
}

static void *adder(void *arg) {
  pthread_once(&once, init_once);
  pthread_setspecific(key, malloc(16));
  for (int i = 0; i < ITERS; i++) {
    pthread_mutex_lock(&lock);
    counter += (long)(intptr_t)arg;
    pthread_mutex_unlock(&lock);
  }
  pthread_barrier_wait(&barrier);
  return NULL;
}

static void *consumer(void *arg) {
  (void)arg;
  for (int n = 0; n < 1000; n++) {
    pthread_mutex_lock(&lock);
    while (q_head == q_tail) pthread_cond_wait(&cond, &lock);
    consumed += queue[q_head++ % 64];
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t th[NTHREADS], cons;
  pthread_barrier_init(&barrier, NULL, NTHREADS);
  for (long i = 0; i < NTHREADS; i++) pthread_create(&th[i], NULL, adder, (void *)(intptr_t)(i + 1));
  for (int i = 0; i < NTHREADS; i++) pthread_join(th[i], NULL);
  pthread_create(&cons, NULL, consumer, NULL);
  for (int n = 1; n <= 1000; n++) {
    pthread_mutex_lock(&lock);
    while (q_tail - q_head == 64) pthread_cond_wait(&cond, &lock);
    queue[q_tail++ % 64] = n;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
  }
  pthread_join(cons, NULL);
  printf("counter=%ld\n", counter);
  printf("consumed=%ld\n", consumed);
  printf("once_calls=%d key_dtor_calls=%d\n", once_calls, key_dtor_calls);
  return 0;
}
EOF
compile_c -O2 -pthread -o threads.o threads.c
link_both threads threads.o -pthread

run_both_and_compare threads
expect_stdout threads "counter=1000000
consumed=500500
once_calls=1 key_dtor_calls=4"
expect_status threads 0
elflint_compare threads

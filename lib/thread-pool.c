/* parallel_for: runs fn(i) for i in [0, n) on a pool of pthreads with an atomic
 * cursor. Work items own their output slots, so results do not depend on which
 * thread ran what. --threads=1 runs inline. Each worker allocates from its own
 * arena (local_arena), so allocation needs no lock. */
#include "rivet.h"

#include <pthread.h>
#include <unistd.h>

typedef struct Job {
  Ctx *ctx;
  ParallelFn *fn;
  void *arg;
  i64 n;
  _Atomic i64 next;
} Job;

typedef struct Worker {
  Job *job;
  Arena *arena;
} Worker;

static _Thread_local Arena *worker_arena;

Arena *local_arena(Ctx *ctx) {
  return worker_arena ? worker_arena : &ctx->arena;
}

static void run_items(Job *job) {
  for (;;) {
    i64 i = atomic_fetch_add(&job->next, 1);
    if (i >= job->n)
      return;
    job->fn(job->ctx, i, job->arg);
  }
}

static void *worker(void *p) {
  Worker *w = p;
  worker_arena = w->arena;
  run_items(w->job);
  return NULL;
}

static i64 thread_count(Ctx *ctx) {
  if (ctx->opt.threads > 0)
    return MIN(ctx->opt.threads, MAX_THREADS);
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? MIN(n, MAX_THREADS) : 1;
}

void parallel_for(Ctx *ctx, i64 n, ParallelFn *fn, void *arg) {
  i64 nthreads = MIN(thread_count(ctx), n);
  if (nthreads <= 1) {
    for (i64 i = 0; i < n; i++)
      fn(ctx, i, arg);
    return;
  }
  Job job = {.ctx = ctx, .fn = fn, .arg = arg, .n = n};
  atomic_init(&job.next, 0);
  pthread_t tids[MAX_THREADS];
  Worker workers[MAX_THREADS];
  i64 started = 0;
  for (i64 t = 1; t < nthreads; t++) {
    workers[t] = (Worker){&job, &ctx->worker_arenas[t]};
    if (pthread_create(&tids[started], NULL, worker, &workers[t]) == 0)
      started++;
  }
  run_items(&job);
  for (i64 t = 0; t < started; t++)
    pthread_join(tids[t], NULL);
}

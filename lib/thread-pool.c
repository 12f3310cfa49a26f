/* parallel_for: runs fn(i) for i in [0, n) on a pool of pthreads with an atomic
 * cursor. Work items own their output slots, so results do not depend on which
 * thread ran what. --threads=1 runs inline. */
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

static void *worker(void *p) {
  Job *job = p;
  for (;;) {
    i64 i = atomic_fetch_add(&job->next, 1);
    if (i >= job->n)
      return NULL;
    job->fn(job->ctx, i, job->arg);
  }
}

static i64 thread_count(Ctx *ctx) {
  if (ctx->opt.threads > 0)
    return ctx->opt.threads;
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? MIN(n, 32) : 1;
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
  pthread_t tids[32];
  i64 started = 0;
  for (i64 t = 1; t < nthreads; t++)
    if (pthread_create(&tids[started], NULL, worker, &job) == 0)
      started++;
  worker(&job);
  for (i64 t = 0; t < started; t++)
    pthread_join(tids[t], NULL);
}

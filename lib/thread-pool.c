/* parallel_for: runs fn(i) for i in [0, n) on a pool of pthreads, each thread taking
 * items from its own share first (next_item). Work items own their output slots, so
 * results do not depend on which thread ran what. --threads=1 runs inline. The workers
 * are started once and wait between jobs: the resolution loop calls parallel_for
 * hundreds of times with small batches, and starting threads for each would cost more
 * than the work. Each worker allocates from its own arena (local_arena), so allocation
 * needs no lock. */
#include "rivet.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

/* A participant's share of a job's items, [front, back) packed as front << 32 | back,
 * on a cache line of its own. */
typedef struct ItemSpan {
  _Alignas(64) _Atomic u64 span;
} ItemSpan;

typedef struct Job {
  Ctx *ctx;
  ParallelFn *fn;
  void *arg;
  i64 n;
  const i64 *order; /* the items in the order they are handed out; NULL: 0, 1, ... */
  i64 nworkers;     /* pool workers that take part, besides the calling thread */
  _Atomic i64 next; /* with order: the next position in it */
  i64 nparts;       /* without order: each participant's contiguous share */
  ItemSpan parts[MAX_THREADS];
  /* --time-report: when each participant (0: the caller) began and ended its items */
  bool timed;
  double began[MAX_THREADS], ended[MAX_THREADS];
} Job;

static struct {
  pthread_mutex_t lock;
  pthread_cond_t start, finished;
  Job *job;               /* NULL once its caller has closed it */
  _Atomic u64 generation; /* bumped for each job */
  _Atomic i64 running;    /* workers that joined the current job and are still in it */
  _Atomic i64 sleeping;   /* workers waiting on start, not spinning */
  _Atomic int caller_cpu; /* where the current job's caller ran when it handed it out */
  cpu_set_t allowed;      /* the process's CPUs when the pool started */
  bool allowed_known;
  i64 nworkers;
  pthread_t tids[MAX_THREADS];
} pool = {.lock = PTHREAD_MUTEX_INITIALIZER,
          .start = PTHREAD_COND_INITIALIZER,
          .finished = PTHREAD_COND_INITIALIZER};

static _Thread_local Arena *worker_arena;
static _Thread_local bool in_job; /* a nested parallel_for runs inline */
static _Thread_local i64 current_item;
static _Atomic u64 job_epoch; /* bumped as each job starts and ends */

static _Thread_local bool items_set_by_caller; /* begin_ordered_diagnostics */

void diagnostic_position(u64 *epoch, i64 *item) {
  *epoch = atomic_load(&job_epoch);
  *item = in_job || items_set_by_caller ? current_item : 0;
}

Arena *local_arena(Ctx *ctx) {
  return worker_arena ? worker_arena : &ctx->arena;
}

static bool take_item(ItemSpan *part, bool from_front, i64 *item) {
  u64 span = atomic_load_explicit(&part->span, memory_order_relaxed);
  for (;;) {
    u32 front = (u32)(span >> 32), back = (u32)span;
    if (front >= back)
      return false;
    u64 rest = from_front ? (u64)(front + 1) << 32 | back : (u64)front << 32 | (back - 1);
    if (atomic_compare_exchange_weak(&part->span, &span, rest)) {
      *item = from_front ? front : back - 1;
      return true;
    }
  }
}

/* The items shared out among nparts participants (none with an order: those go in
 * its order, from one cursor). */
static void share_items(Job *job, i64 nparts) {
  atomic_init(&job->next, 0);
  job->nparts = job->order || job->n >= ((i64)1 << 31) ? 0 : nparts;
  for (i64 p = 0; p < job->nparts; p++) {
    u64 front = (u64)(p * job->n / nparts), back = (u64)((p + 1) * job->n / nparts);
    atomic_init(&job->parts[p].span, front << 32 | back);
  }
}

/* Without an order, each participant takes its own contiguous share of the items from
 * the front, then the others' from their backs. Neighbouring items (a file's and the
 * next one's output slots share cache lines) mostly stay on one thread, and a file
 * mostly goes to the same thread in pass after pass, where its data already is (two
 * threads, whole links against one shared cursor: llvm-shared and llvm-pie 3.6% and
 * 4.2% faster). A participant that never joins has its share taken from the back by
 * the others. */
static bool next_item(Job *job, i64 participant, i64 *item) {
  if (job->nparts == 0) {
    i64 i = atomic_fetch_add(&job->next, 1);
    *item = i < job->n && job->order ? job->order[i] : i;
    return i < job->n;
  }
  if (take_item(&job->parts[participant], true, item))
    return true;
  for (i64 k = 1; k < job->nparts; k++)
    if (take_item(&job->parts[(participant + k) % job->nparts], false, item))
      return true;
  return false;
}

static void run_items(Job *job, i64 participant) {
  if (job->timed)
    job->began[participant] = now_seconds();
  for (;;) {
    i64 item;
    if (!next_item(job, participant, &item))
      break;
    current_item = item;
    job->fn(job->ctx, item, job->arg);
  }
  if (job->timed)
    job->ended[participant] = now_seconds();
}

/* How long two or more participants were running items at once, swept over their
 * intervals; the rest of a link's wall time ran on one thread (--time-report). */
static double time_busy_together(const Job *job) {
  struct {
    double t;
    int delta;
  } ev[2 * MAX_THREADS], e;
  i64 m = 0;
  for (i64 k = 0; k <= job->nworkers; k++) {
    ev[m].t = job->began[k], ev[m++].delta = 1;
    ev[m].t = job->ended[k], ev[m++].delta = -1;
  }
  for (i64 i = 1; i < m; i++) /* insertion sort: at most 64 events */
    for (i64 k = i; k > 0 && ev[k - 1].t > ev[k].t; k--)
      e = ev[k], ev[k] = ev[k - 1], ev[k - 1] = e;
  double total = 0;
  int busy = 0;
  for (i64 i = 0; i < m; i++) {
    if (busy >= 2)
      total += ev[i].t - ev[i - 1].t;
    busy += ev[i].delta;
  }
  return total;
}

/* Jobs come in quick succession (the resolution loop's batches): a thread that has
 * just finished one spins a little before it sleeps, since waking a sleeping thread
 * (a futex wake, an IPI, in a VM often an exit to the host) takes longer than many
 * small jobs. About 50 us: PAUSE takes 20-40 ns. */
enum { SPIN_ROUNDS = 2048 };

static void spin_while_generation_is(u64 seen) {
  for (int k = 0; k < SPIN_ROUNDS && atomic_load(&pool.generation) == seen; k++)
    cpu_relax();
}

static void spin_while_running(void) {
  for (int k = 0; k < SPIN_ROUNDS && atomic_load(&pool.running) > 0; k++)
    cpu_relax();
}

/* A sleeping worker that a job wakes is often queued on the CPU of the thread that
 * woke it, even with another CPU idle (in a VM an idle vCPU looks preempted to the
 * scheduler, so it is not picked), and then waits there while that thread runs its
 * own share: perf sched showed woken workers waiting 1-4 ms so. The caller yields
 * once after waking sleepers, so that a worker queued behind it runs at once, and
 * such a worker moves itself: its affinity without this CPU migrates it now, and the
 * full set again leaves it to the scheduler as before. Measured on llvm-pie (40
 * alternating links, --time-report): the serial share's median 10.2% -> 8.6%, its
 * third quartile 11.9% -> 9.4%. */
static void move_off_callers_cpu(void) {
  int cpu = sched_getcpu();
  if (!pool.allowed_known || cpu < 0 || cpu != atomic_load(&pool.caller_cpu))
    return;
  cpu_set_t others = pool.allowed;
  CPU_CLR(cpu, &others);
  if (CPU_COUNT(&others) > 0 && pthread_setaffinity_np(pthread_self(), sizeof others, &others) == 0)
    pthread_setaffinity_np(pthread_self(), sizeof pool.allowed, &pool.allowed);
}

static void *worker(void *p) {
  i64 index = (i64)(intptr_t)p;
  u64 seen = 0;
  if (pool.allowed_known) /* started off its creator's CPU (start_workers): free again */
    pthread_setaffinity_np(pthread_self(), sizeof pool.allowed, &pool.allowed);
  for (;;) {
    spin_while_generation_is(seen);
    pthread_mutex_lock(&pool.lock);
    atomic_fetch_add(&pool.sleeping, 1);
    while (atomic_load(&pool.generation) == seen)
      pthread_cond_wait(&pool.start, &pool.lock);
    atomic_fetch_sub(&pool.sleeping, 1);
    seen = atomic_load(&pool.generation);
    Job *job = pool.job;
    bool joins = job && index < job->nworkers;
    if (joins)
      atomic_fetch_add(&pool.running, 1);
    pthread_mutex_unlock(&pool.lock);
    if (!joins)
      continue;
    move_off_callers_cpu();
    worker_arena = &job->ctx->worker_arenas[index + 1];
    in_job = true;
    run_items(job, index + 1);
    in_job = false;
    worker_arena = NULL;
    pthread_mutex_lock(&pool.lock);
    if (atomic_fetch_sub(&pool.running, 1) == 1)
      pthread_cond_signal(&pool.finished);
    pthread_mutex_unlock(&pool.lock);
  }
  return NULL;
}

/* sysconf reads /sys/devices/system/cpu/online each time; a link starts hundreds of
 * jobs, so the count is read once. */
static i64 online_cpus(void) {
  static _Atomic i64 cached;
  i64 n = atomic_load(&cached);
  if (n == 0) {
    long found = sysconf(_SC_NPROCESSORS_ONLN);
    n = found > 0 ? MIN(found, MAX_THREADS) : 1;
    atomic_store(&cached, n);
  }
  return n;
}

i64 thread_count(Ctx *ctx) {
  if (ctx->opt.threads > 0)
    return MIN(ctx->opt.threads, MAX_THREADS);
  return online_cpus();
}

/* A child of fork() has none of the parent's threads (test runners fork). */
static void forget_workers_in_child(void) {
  pthread_mutex_init(&pool.lock, NULL);
  pthread_cond_init(&pool.start, NULL);
  pthread_cond_init(&pool.finished, NULL);
  pool.nworkers = 0;
  pool.running = 0;
  pool.sleeping = 0;
}

/* Called with the lock held. */
static void start_workers(i64 want) {
  static bool registered;
  if (!pool.allowed_known)
    pool.allowed_known = sched_getaffinity(0, sizeof pool.allowed, &pool.allowed) == 0;
  if (!registered && pthread_atfork(NULL, NULL, forget_workers_in_child) == 0)
    registered = true;
  /* A new thread is queued on its creator's CPU, and while the creator runs there it
   * waits for the scheduler to move it (about 3 ms in this project's VMs, against
   * 0.07 ms): it starts on another CPU, and lets go of the restriction at once. */
  pthread_attr_t attr, *use = NULL;
  int cpu = sched_getcpu();
  bool have_attr = pool.allowed_known && cpu >= 0 && pthread_attr_init(&attr) == 0;
  if (have_attr) {
    cpu_set_t others = pool.allowed;
    CPU_CLR(cpu, &others);
    if (CPU_COUNT(&others) > 0 && pthread_attr_setaffinity_np(&attr, sizeof others, &others) == 0)
      use = &attr;
  }
  while (pool.nworkers < want && pthread_create(&pool.tids[pool.nworkers], use, worker,
                                                (void *)(intptr_t)pool.nworkers) == 0) {
    pthread_detach(pool.tids[pool.nworkers]);
    pool.nworkers++;
  }
  if (have_attr)
    pthread_attr_destroy(&attr);
}

/* Starts the workers a link at this thread count will use, before its first job: a
 * thread's first run waits for a CPU to take it up (about a millisecond in this
 * project's VMs), a sleeping worker's wake-up much less. */
void start_thread_pool(Ctx *ctx) {
  i64 want = MIN(thread_count(ctx), MAX_THREADS) - 1;
  if (want <= 0 || in_job)
    return;
  pthread_mutex_lock(&pool.lock);
  start_workers(want);
  pthread_mutex_unlock(&pool.lock);
}

/* Gives the job to up to want workers (started if need be) and wakes them. */
static void hand_out(Job *job, i64 want) {
  pthread_mutex_lock(&pool.lock);
  start_workers(want);
  job->nworkers = MIN(want, pool.nworkers);
  pool.job = job;
  atomic_store(&pool.caller_cpu, sched_getcpu());
  atomic_fetch_add(&pool.generation, 1);
  bool woke_sleepers = atomic_load(&pool.sleeping) > 0;
  pthread_cond_broadcast(&pool.start);
  pthread_mutex_unlock(&pool.lock);
  if (woke_sleepers)
    sched_yield(); /* see move_off_callers_cpu */
}

/* Called when every item has been taken. A worker that has not joined the job by now
 * has taken none of them, so the job is closed to it rather than waited for: a new
 * thread's first run, or a sleeping one's wake-up, can come milliseconds after the
 * job was handed out (llvm-shared's first job, opening 200 inputs, took 0.7 ms of
 * work and 2.4-3 ms of wall time, waiting for the worker started just before it). */
static void wait_for_workers(void) {
  pthread_mutex_lock(&pool.lock);
  pool.job = NULL;
  pthread_mutex_unlock(&pool.lock);
  spin_while_running();
  pthread_mutex_lock(&pool.lock);
  while (atomic_load(&pool.running) > 0)
    pthread_cond_wait(&pool.finished, &pool.lock);
  pthread_mutex_unlock(&pool.lock);
}

static void run_job(Ctx *ctx, i64 n, ParallelFn *fn, void *arg, const i64 *order) {
  i64 nthreads = MIN(thread_count(ctx), n);
  if (nthreads <= 1 || in_job) {
    for (i64 i = 0; i < n; i++)
      fn(ctx, i, arg);
    return;
  }
  Job job = {.ctx = ctx,
             .fn = fn,
             .arg = arg,
             .n = n,
             .order = order,
             .timed = ctx->opt.time_report};
  share_items(&job, nthreads);
  atomic_fetch_add(&job_epoch, 1);
  hand_out(&job, nthreads - 1);
  in_job = true;
  run_items(&job, 0);
  in_job = false;
  wait_for_workers();
  atomic_fetch_add(&job_epoch, 1);
  if (job.timed)
    ctx->busy_together_seconds += time_busy_together(&job);
}

void parallel_for(Ctx *ctx, i64 n, ParallelFn *fn, void *arg) {
  run_job(ctx, n, fn, arg, NULL);
}

void parallel_for_if(Ctx *ctx, bool worth_waking, i64 n, ParallelFn *fn, void *arg) {
  if (worth_waking) {
    run_job(ctx, n, fn, arg, NULL);
    return;
  }
  for (i64 i = 0; i < n; i++)
    fn(ctx, i, arg);
}

typedef struct WeightedItem {
  i64 weight, item;
} WeightedItem;

static int heavier_first(const void *a, const void *b) {
  const WeightedItem *x = a, *y = b;
  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  return (x->item > y->item) - (x->item < y->item);
}

/* parallel_for with the heaviest items handed out first: started last, a large item
 * would run alone while the other threads wait. Which items run and the order of their
 * diagnostics are parallel_for's. */
void parallel_for_heaviest_first(Ctx *ctx, i64 n, ParallelFn *fn, void *arg, const i64 *weight) {
  if (MIN(thread_count(ctx), n) <= 1 || in_job) {
    parallel_for(ctx, n, fn, arg);
    return;
  }
  WeightedItem *w = malloc((size_t)n * sizeof(WeightedItem));
  i64 *order = malloc((size_t)n * sizeof(i64));
  if (!w || !order)
    fatal(ctx, "out of memory");
  for (i64 i = 0; i < n; i++)
    w[i] = (WeightedItem){weight[i], i};
  qsort(w, (size_t)n, sizeof(WeightedItem), heavier_first);
  for (i64 i = 0; i < n; i++)
    order[i] = w[i].item;
  free(w);
  run_job(ctx, n, fn, arg, order);
  free(order);
}

/* Work whose threads set their diagnostics' order themselves (set_diagnostic_item),
 * as one epoch, whatever the thread count. */
void begin_ordered_diagnostics(void) {
  atomic_fetch_add(&job_epoch, 1);
  items_set_by_caller = true;
  current_item = 0;
}

void end_ordered_diagnostics(void) {
  items_set_by_caller = false;
  atomic_fetch_add(&job_epoch, 1);
}

/* Work beside the caller: the pool's workers run fn(ctx, i, arg) for i in [0, n) while
 * the calling thread goes on with its own work, until join_background. fn decides
 * when to return. Meanwhile the caller's parallel_for calls run inline, as the
 * workers are taken. */
static Job background;

i64 start_background(Ctx *ctx, ParallelFn *fn, void *arg) {
  i64 want = MIN(thread_count(ctx), MAX_THREADS) - 1;
  if (want <= 0 || in_job)
    return 0;
  background = (Job){.ctx = ctx, .fn = fn, .arg = arg, .n = want};
  share_items(&background, want + 1); /* the caller (0) takes none: its share is empty */
  hand_out(&background, want); /* fewer workers may start: they take the other items */
  in_job = true;
  return background.nworkers;
}

void join_background(Ctx *ctx) {
  (void)ctx;
  in_job = false;
  wait_for_workers();
}

void set_diagnostic_item(i64 item) {
  current_item = item;
}

/* --time-report: a stretch of a parallel job during which its other participants
 * waited inside their items (for work only one of them could produce). */
void note_alone_in_job(Ctx *ctx, double seconds) {
  if (ctx->opt.time_report)
    ctx->busy_together_seconds = MAX(0.0, ctx->busy_together_seconds - seconds);
}

/* --time-report for threads that go busy and idle many times within one job (the
 * parse pipeline): each change is noted and the time with two or more busy summed. */
static pthread_mutex_t busy_lock = PTHREAD_MUTEX_INITIALIZER;
static i64 busy_threads;
static double busy_since;

void note_busy(Ctx *ctx, bool busy) {
  if (!ctx->opt.time_report)
    return;
  pthread_mutex_lock(&busy_lock);
  double t = now_seconds();
  if (busy_threads >= 2)
    ctx->busy_together_seconds += t - busy_since;
  busy_since = t;
  busy_threads += busy ? 1 : -1;
  pthread_mutex_unlock(&busy_lock);
}

/* The leading objects of the command line (those before its first archive or shared
 * object), resolved on all threads with the serial walk's result.
 *
 * The serial walk visits the files in order and, in each, its COMDAT groups and then
 * its global symbols. A file's symbols depend on its own claims (a dropped group
 * member defines nothing), so all claims come first. A group goes to the first file
 * that holds it, which needs no walk: any thread may offer a file, and the lowest
 * priority stays (offer_groups_task). What happens to one name depends only on the
 * earlier events for that name, so the names are dealt into shards, and each shard
 * walks the files in order over its own names only: every Symbol sees the same events
 * in the same order as in the serial walk, whichever thread runs its shard. Before the
 * first archive or shared object no name is lazy or defined by a library, so
 * resolution extracts nothing and touches nothing but the name's Symbol; duplicate
 * definitions are listed and reported after, in file order, as the serial walk reports
 * them. Files whose names carry a default version ("foo@@V" also defines "foo",
 * another name) and traced names (printed as they are met) keep the serial walk. */
#include "rivet.h"

#include <stdlib.h>

/* Below this many global symbols in the run, the serial walk is as fast. */
enum { PARALLEL_RUN_MIN_SYMBOLS = 1 << 14 };

typedef struct RunJob {
  InputFile **files;
  i64 nfiles;
  i64 nshards;
  DuplicateVec *duplicates; /* per shard */
} RunJob;

/* By 4 KiB block: Symbols allocated side by side share cache lines, which two
 * threads writing them would pass back and forth; a Symbol straddles two blocks
 * now and then, and with 512-byte blocks that was often enough to slow one shard by
 * half (llvm-shared, --threads=2: the shard job 4.5 -> 3.9 ms). */
static i64 shard_of(const void *p, i64 nshards) {
  u64 h = ((u64)(uintptr_t)p >> 12) * 0x9E3779B97F4A7C15ull;
  return (i64)(((h >> 32) * (u64)nshards) >> 32);
}

/* A group belongs to the first file of the run that holds it: the run's files are
 * in priority order, and nothing before the run owns a group, so the owner is the
 * holder of lowest priority, which any thread may offer in any order. */
static void offer_groups_task(Ctx *ctx, i64 fi, void *arg) {
  (void)ctx;
  InputFile *f = ((RunJob *)arg)->files[fi];
  if (!f->syms)
    return;
  for (i64 i = 0; i < f->ncomdat_refs; i++) {
    InputFile *_Atomic *owner = &f->comdat_refs[i].group->owner;
    InputFile *seen = atomic_load_explicit(owner, memory_order_relaxed);
    while ((!seen || f->priority < seen->priority) &&
           !atomic_compare_exchange_weak_explicit(owner, &seen, f, memory_order_relaxed,
                                                  memory_order_relaxed))
      ;
  }
}

/* With every owner final, each file drops its members of the groups it lost; its
 * section slots are written by one thread only. */
static void claim_groups_task(Ctx *ctx, i64 fi, void *arg) {
  (void)ctx;
  InputFile *f = ((RunJob *)arg)->files[fi];
  if (!f->syms)
    return;
  for (i64 i = 0; i < f->ncomdat_refs; i++)
    claim_comdat_group(f, i);
}

/* Each thread scans every name and keeps its own: a branch on "ours?" would go either
 * way at random, so a batch of names is first compacted to its own positions without
 * branching, then walked with the Symbols fetched ahead (llvm-shared, --threads=2:
 * the step 8.6 -> 7.7 ms). */
enum { RUN_BATCH = 256, RUN_PREFETCH = 16 };

static void resolve_shard_task(Ctx *ctx, i64 k, void *arg) {
  RunJob *job = arg;
  i64 own[RUN_BATCH];
  for (i64 fi = 0; fi < job->nfiles; fi++) {
    InputFile *f = job->files[fi];
    if (!f->syms)
      continue;
    for (i64 base = f->first_global; base < f->nsyms; base += RUN_BATCH) {
      i64 end = MIN(base + RUN_BATCH, f->nsyms), m = 0;
      for (i64 i = base; i < end; i++) {
        own[m] = i;
        m += shard_of(f->syms[i], job->nshards) == k;
      }
      for (i64 j = 0; j < MIN(m, RUN_PREFETCH); j++)
        __builtin_prefetch(f->syms[own[j]], 1);
      for (i64 j = 0; j < m; j++) {
        if (j + RUN_PREFETCH < m)
          __builtin_prefetch(f->syms[own[j + RUN_PREFETCH]], 1);
        resolve_global(ctx, f, own[j], &job->duplicates[k]);
      }
    }
  }
}

static int compare_duplicates(const void *a, const void *b) {
  const Duplicate *x = a, *y = b;
  if (x->file->priority != y->file->priority)
    return x->file->priority < y->file->priority ? -1 : 1;
  return (x->sym_idx > y->sym_idx) - (x->sym_idx < y->sym_idx);
}

static bool run_can_be_parallel(Ctx *ctx, InputFile **files, i64 n) {
  if (thread_count(ctx) < 2 || ctx->opt.trace_symbols.len > 0)
    return false;
  i64 nsyms = 0;
  for (i64 i = 0; i < n; i++) {
    if (files[i]->has_versioned_names)
      return false;
    if (files[i]->syms)
      nsyms += files[i]->nsyms - files[i]->first_global;
  }
  return nsyms >= PARALLEL_RUN_MIN_SYMBOLS;
}

/* Claims and resolves files[0, n), the leading objects, as the serial walk would.
 * Returns false, having done nothing, where the serial walk must do it. The
 * duplicates are reported with the item the serial walk's report would have,
 * item_of(position in the run). */
bool resolve_leading_objects(Ctx *ctx, InputFile **files, i64 n, i64 (*item_of)(i64)) {
  if (!run_can_be_parallel(ctx, files, n))
    return false;
  /* One shard per thread: each thread scans every file's names and takes its own. */
  RunJob job = {.files = files, .nfiles = n, .nshards = MIN(thread_count(ctx), MAX_THREADS)};
  job.duplicates = calloc((size_t)job.nshards, sizeof(DuplicateVec));
  if (!job.duplicates)
    fatal(ctx, "out of memory");
  for (i64 i = 0; i < n; i++)
    ctx->has_gnu_extensions |= files[i]->syms && files[i]->has_gnu_extensions;
  parallel_for(ctx, n, offer_groups_task, &job);
  parallel_for(ctx, n, claim_groups_task, &job);
  parallel_for(ctx, job.nshards, resolve_shard_task, &job);
  DuplicateVec all = {0};
  for (i64 k = 0; k < job.nshards; k++) {
    for (i64 i = 0; i < job.duplicates[k].len; i++)
      vec_push(&all, job.duplicates[k].data[i]);
    free(job.duplicates[k].data);
  }
  if (all.len > 1)
    qsort(all.data, (size_t)all.len, sizeof(Duplicate), compare_duplicates);
  for (i64 i = 0, pos = 0; i < all.len; i++) {
    while (files[pos] != all.data[i].file)
      pos++;
    set_diagnostic_item(item_of(pos));
    Symbol *sym = all.data[i].file->syms[all.data[i].sym_idx];
    report_duplicate(ctx, sym, all.data[i].file);
  }
  free(all.data);
  free(job.duplicates);
  return true;
}

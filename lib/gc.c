/* --gc-sections: drop allocated input sections that nothing reachable refers to.
 * Roots: the entry point, -u names, exported symbols (everything a shared object
 * exports, what an executable exports), init/fini code and arrays, notes, sections
 * marked SHF_GNU_RETAIN. Marking follows the relocations of allocated sections, and a
 * reference to __start_SEC/__stop_SEC reaches every SEC. An FDE in .eh_frame keeps its LSDA and its
 * CIE's personality routine alive when its function is alive, but does not keep the function alive
 * itself (lld and GNU ld treat .eh_frame the same way). */
#include "rivet.h"

#include <stdlib.h>

#ifndef SHF_GNU_RETAIN
#define SHF_GNU_RETAIN (1 << 21)
#endif

typedef VEC(InputSection *) SectionVec;

/* Marking runs on several threads: the exchange lets exactly one of them queue a
 * section. The set of live sections does not depend on which one. */
static void mark(SectionVec *work, InputSection *isec) {
  if (!isec || isec->gc_live || atomic_exchange(&isec->gc_live, true))
    return;
  vec_push(work, isec);
}

static void mark_symbol(SectionVec *work, Symbol *sym) {
  if (sym && sym->isec)
    mark(work, sym->isec);
}

/* The C-identifier sections, by name: a live reference to __start_SEC or __stop_SEC
 * keeps every SEC, and nothing else keeps them for those symbols. That is GNU ld's
 * rule (its default, -z nostart-stop-gc) and lld's (its default, -z start-stop-gc). */
typedef struct BracketIndex {
  InputSection **secs; /* sorted by name, then input order */
  i64 len;
} BracketIndex;

static int compare_by_name(const void *a, const void *b) {
  const InputSection *x = *(InputSection *const *)a, *y = *(InputSection *const *)b;
  int c = strcmp(x->name, y->name);
  if (c)
    return c;
  return x->file->priority != y->file->priority ? (x->file->priority < y->file->priority ? -1 : 1)
                                                : (x->shndx > y->shndx) - (x->shndx < y->shndx);
}

static BracketIndex index_bracketed_sections(Ctx *ctx) {
  BracketIndex bi = {0};
  VEC(InputSection *) v = {0};
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = 0; f->has_c_named_section && i < f->nshdrs; i++) {
      InputSection *isec = f->sections[i];
      if (isec && isec->is_alive && (isec->flags & SHF_ALLOC) && is_c_identifier(isec->name))
        vec_push(&v, isec);
    }
  }
  if (v.len > 1)
    qsort(v.data, (size_t)v.len, sizeof *v.data, compare_by_name);
  bi.secs = v.data;
  bi.len = v.len;
  return bi;
}

static void mark_bracketed(SectionVec *work, const BracketIndex *bi, const char *sym_name) {
  const char *name = starts_with(sym_name, "__start_")  ? sym_name + 8
                     : starts_with(sym_name, "__stop_") ? sym_name + 7
                                                        : NULL;
  if (!name)
    return;
  i64 lo = 0, hi = bi->len;
  while (lo < hi) {
    i64 mid = lo + (hi - lo) / 2;
    if (strcmp(bi->secs[mid]->name, name) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (i64 i = lo; i < bi->len && !strcmp(bi->secs[i]->name, name); i++)
    mark(work, bi->secs[i]);
}

static bool is_root_section(InputSection *isec) {
  const char *n = isec->name;
  if (!(isec->flags & SHF_ALLOC))
    return true; /* debug info and the like are not collected */
  if ((isec->flags & SHF_GNU_RETAIN) || isec->kept_by_script)
    return true;
  u32 t = isec->type;
  if (t == SHT_NOTE || t == SHT_INIT_ARRAY || t == SHT_FINI_ARRAY || t == SHT_PREINIT_ARRAY)
    return true;
  if (str_equal(n, ".init") || str_equal(n, ".fini") || starts_with(n, ".init_array") ||
      starts_with(n, ".fini_array") || starts_with(n, ".preinit_array") ||
      starts_with(n, ".ctors") || starts_with(n, ".dtors") || str_equal(n, ".jcr"))
    return true;
  return false;
}

static void mark_relocations(SectionVec *work, InputSection *isec, const BracketIndex *bi) {
  /* Non-allocated sections (debug info) are kept, but what they point at is not kept
   * for them: GNU ld and lld let DWARF refer to collected code (its addresses become
   * 0 there). */
  if (!(isec->flags & SHF_ALLOC))
    return;
  InputFile *f = isec->file;
  for (i64 i = 0; i < isec->nrels; i++) {
    Symbol *sym = f->syms[ELF64_R_SYM(isec->rels[i].r_info)];
    mark_symbol(work, sym);
    if (!sym->isec && !sym->is_local)
      mark_bracketed(work, bi, sym->name);
  }
}

/* The first relocation at or after offset: .eh_frame relocations are sorted by offset
 * (the record walk below relies on it too). */
static i64 first_rel_at(const InputSection *isec, u64 offset) {
  i64 lo = 0, hi = isec->nrels;
  while (lo < hi) {
    i64 mid = lo + (hi - lo) / 2;
    if (isec->rels[mid].r_offset < offset)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

void for_each_fde(InputSection *eh, FdeFn *fn, void *arg) {
  u64 off = 0;
  i64 rel = 0;
  while (off + 8 <= eh->size) {
    u32 len = rd32(eh->contents + off);
    if (len == 0 || len == 0xffffffff || len > eh->size - off - 4)
      break;
    u64 end = off + 4 + len;
    bool is_cie = rd32(eh->contents + off + 4) == 0;
    while (rel < eh->nrels && eh->rels[rel].r_offset < off)
      rel++;
    i64 first = rel;
    while (rel < eh->nrels && eh->rels[rel].r_offset < end)
      rel++;
    if (!is_cie && first < rel)
      fn(eh, first, rel, off + 4 - rd32(eh->contents + off + 4), arg);
    off = end;
  }
}

/* An FDE of a live function keeps its LSDA and its CIE's personality routine. */
static void mark_fde(InputSection *eh, i64 first, i64 end, u64 cie_off, void *arg) {
  SectionVec *work = arg;
  InputFile *f = eh->file;
  Symbol *fn = f->syms[ELF64_R_SYM(eh->rels[first].r_info)];
  if (!fn->isec || !fn->isec->gc_live)
    return;
  for (i64 k = first + 1; k < end; k++)
    mark_symbol(work, f->syms[ELF64_R_SYM(eh->rels[k].r_info)]);
  if (cie_off <= eh->size - 4) {
    u64 cie_end = cie_off + 4 + rd32(eh->contents + cie_off);
    for (i64 k = first_rel_at(eh, cie_off); k < eh->nrels && eh->rels[k].r_offset < cie_end; k++)
      mark_symbol(work, f->syms[ELF64_R_SYM(eh->rels[k].r_info)]);
  }
}

static void mark_eh_frames(Ctx *ctx, InputFile *f, SectionVec *work) {
  (void)ctx;
  for (i64 s = 0; s < f->nshdrs; s++) {
    InputSection *isec = f->sections[s];
    if (isec && str_equal(isec->name, ".eh_frame") && isec->contents)
      for_each_fde(isec, mark_fde, work);
  }
}

/* Marking on all threads, each working through its own stack and handing half of it
 * to a shared pool when another thread has run dry: a program's call graph is deep
 * and narrow in places, and marking it level by level left one thread working
 * through each narrow level while the others waited. Every section is queued once
 * (mark()), so the set reached does not depend on who marked what. */
enum { MARK_SHARE_MIN = 2 };

typedef struct MarkPool {
  pthread_mutex_t lock;
  pthread_cond_t more;
  SectionVec shared;   /* sections queued for any thread */
  i64 nthreads;        /* that have joined; one that joins late finds the work done */
  i64 idle;            /* waiting for the pool */
  bool done;           /* all that joined waited with the pool empty: nothing is left */
  _Atomic bool hungry; /* some thread waits: the busy ones share */
  const BracketIndex *brackets; /* -z start-stop-gc, else NULL */
  /* --time-report: how long one thread marked while all the others waited */
  bool timed;
  double alone_since, alone_seconds;
} MarkPool;

/* Under the lock, as a thread stops (delta 1) or resumes (-1) waiting. */
static void count_waiting(MarkPool *p, int delta) {
  i64 before = p->idle;
  p->idle += delta;
  if (!p->timed || p->nthreads < 2)
    return;
  if (p->idle == p->nthreads - 1 && before == p->nthreads - 2)
    p->alone_since = now_seconds();
  else if (before == p->nthreads - 1)
    p->alone_seconds += now_seconds() - p->alone_since;
}

/* Moves the upper half of a long local stack to the pool. */
static void share_half(MarkPool *p, SectionVec *local) {
  i64 keep = local->len / 2;
  pthread_mutex_lock(&p->lock);
  for (i64 i = keep; i < local->len; i++)
    vec_push(&p->shared, local->data[i]);
  local->len = keep;
  atomic_store(&p->hungry, false);
  pthread_cond_broadcast(&p->more);
  pthread_mutex_unlock(&p->lock);
}

/* Fills an empty local stack with half of the pool, waiting while other threads still
 * mark; false when every thread waits and the pool is empty. */
static bool take_from_pool(MarkPool *p, SectionVec *local) {
  pthread_mutex_lock(&p->lock);
  while (p->shared.len == 0 && !p->done) {
    count_waiting(p, 1);
    if (p->idle == p->nthreads) {
      p->done = true;
      pthread_cond_broadcast(&p->more);
      break;
    }
    atomic_store(&p->hungry, true);
    pthread_cond_wait(&p->more, &p->lock);
    if (p->done)
      break;
    count_waiting(p, -1);
  }
  if (p->done) {
    pthread_mutex_unlock(&p->lock);
    return false;
  }
  i64 take = MAX(1, p->shared.len / 2);
  for (i64 i = p->shared.len - take; i < p->shared.len; i++)
    vec_push(local, p->shared.data[i]);
  p->shared.len -= take;
  pthread_mutex_unlock(&p->lock);
  return true;
}

static void mark_worker_task(Ctx *ctx, i64 t, void *arg) {
  (void)ctx;
  (void)t;
  MarkPool *p = arg;
  SectionVec local = {0};
  /* The pool may have fewer threads than items: whoever comes joins, and marking ends
   * when all who joined wait, without waiting for the others. */
  pthread_mutex_lock(&p->lock);
  bool late = p->done;
  if (!late && p->timed && p->nthreads >= 2 && p->idle == p->nthreads - 1)
    p->alone_seconds += now_seconds() - p->alone_since; /* one marked alone until now */
  p->nthreads += !late;
  pthread_mutex_unlock(&p->lock);
  while (!late && (local.len > 0 || take_from_pool(p, &local))) {
    InputSection *isec = local.data[--local.len];
    mark_relocations(&local, isec, p->brackets);
    if (local.len >= MARK_SHARE_MIN && atomic_load_explicit(&p->hungry, memory_order_relaxed))
      share_half(p, &local);
  }
  free(local.data);
}

/* Marks everything the relocations of the listed sections reach; work is left empty. */
static void mark_all(Ctx *ctx, SectionVec *work, const BracketIndex *brackets) {
  MarkPool p = {.lock = PTHREAD_MUTEX_INITIALIZER,
                .more = PTHREAD_COND_INITIALIZER,
                .shared = *work,
                .timed = ctx->opt.time_report,
                .brackets = brackets};
  parallel_for(ctx, MIN(thread_count(ctx), MAX_THREADS), mark_worker_task, &p);
  note_alone_in_job(ctx, p.alone_seconds);
  p.shared.len = 0;
  *work = p.shared;
}

typedef struct FileLists {
  SectionVec *found; /* one per file */
} FileLists;

static void mark_eh_frames_task(Ctx *ctx, i64 fi, void *arg) {
  FileLists *r = arg;
  mark_eh_frames(ctx, ctx->objs.data[fi], &r->found[fi]);
}

/* Joins the files' lists into the work list; returns whether it is empty. */
static bool next_frontier(SectionVec *frontier, SectionVec *found, i64 ntasks) {
  frontier->len = 0;
  for (i64 t = 0; t < ntasks; t++) {
    for (i64 k = 0; k < found[t].len; k++)
      vec_push(frontier, found[t].data[k]);
    free(found[t].data);
    found[t] = (SectionVec){0};
  }
  return frontier->len == 0;
}

/* Marks what relocations reach; when nothing more is reached, the FDEs of live
 * functions may reach more: repeat until neither does. */
static void mark_reachable(Ctx *ctx, SectionVec *work, const BracketIndex *brackets) {
  for (;;) {
    mark_all(ctx, work, brackets);
    i64 nfiles = ctx->objs.len;
    FileLists r = {calloc((size_t)MAX(nfiles, 1), sizeof(SectionVec))};
    if (!r.found)
      fatal(ctx, "out of memory");
    parallel_for(ctx, nfiles, mark_eh_frames_task, &r);
    bool done = next_frontier(work, r.found, nfiles);
    free(r.found);
    if (done)
      return;
  }
}

static void mark_roots_task(Ctx *ctx, i64 fi, void *arg) {
  SectionVec *work = &((FileLists *)arg)->found[fi];
  InputFile *f = ctx->objs.data[fi];
  for (i64 i = 0; i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (isec && isec->is_alive && !str_equal(isec->name, ".eh_frame") && is_root_section(isec))
      mark(work, isec);
  }
  /* Symbols the output exports, or a shared object or -u asks for. */
  for (i64 i = f->first_global; f->syms && i < f->nsyms; i++) {
    Symbol *sym = f->syms[i];
    if (sym->file == f && (sym->is_exported || sym->referenced_by_dso))
      mark_symbol(work, sym);
    /* --gc-keep-exported: every global of default or protected visibility. */
    else if (ctx->opt.gc_keep_exported && sym->file == f && !sym->forced_local &&
             (sym->visibility == STV_DEFAULT || sym->visibility == STV_PROTECTED))
      mark_symbol(work, sym);
  }
}

/* Sections nothing reached are dropped (.eh_frame is pruned record by record later). */
static void sweep_file(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[fi];
  for (i64 i = 0; i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (!isec || !isec->is_alive || isec->gc_live || str_equal(isec->name, ".eh_frame"))
      continue;
    isec->is_alive = false;
    if (ctx->opt.print_gc_sections)
      fprintf(stderr, "ld.rivet: removing unused section '%s' in file '%s'\n", isec->name, f->name);
  }
}

void gc_sections(Ctx *ctx) {
  if (!ctx->opt.gc_sections)
    return;
  SectionVec work = {0};
  i64 nfiles = ctx->objs.len;
  FileLists roots = {calloc((size_t)MAX(nfiles, 1), sizeof(SectionVec))};
  if (!roots.found)
    fatal(ctx, "out of memory");
  parallel_for(ctx, nfiles, mark_roots_task, &roots);
  next_frontier(&work, roots.found, nfiles);
  free(roots.found);
  if (ctx->opt.entry_given || !ctx->opt.relocatable)
    mark_symbol(&work, find_symbol(ctx, ctx->opt.entry ? ctx->opt.entry : "_start"));
  for (i64 i = 0; i < ctx->opt.undefined.len; i++)
    mark_symbol(&work, find_symbol(ctx, ctx->opt.undefined.data[i]));
  for (const char *const *n = (const char *const[]){"_init", "_fini", NULL}; *n; n++)
    mark_symbol(&work, find_symbol(ctx, *n));
  if (ctx->opt.init_symbol)
    mark_symbol(&work, find_symbol(ctx, ctx->opt.init_symbol));
  if (ctx->opt.fini_symbol)
    mark_symbol(&work, find_symbol(ctx, ctx->opt.fini_symbol));

  BracketIndex brackets = index_bracketed_sections(ctx);
  mark_reachable(ctx, &work, &brackets);
  free(brackets.secs);
  free(work.data);
  /* --print-gc-sections lists them in file order, so then on one thread. */
  if (ctx->opt.print_gc_sections)
    for (i64 fi = 0; fi < ctx->objs.len; fi++)
      sweep_file(ctx, fi, NULL);
  else
    parallel_for(ctx, ctx->objs.len, sweep_file, NULL);
}

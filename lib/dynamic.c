/* The dynamic-linking sections of an executable: .interp, .dynsym/.dynstr, the symbol
 * hash tables (.gnu.hash, .hash), symbol versions (.gnu.version, .gnu.version_r) and
 * .dynamic. Symbols are put in .dynsym in a fixed order: imported ones first (they are
 * not hashed), then the ones we define for others, sorted by .gnu.hash bucket as the
 * GNU hash table requires. */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

static bool present(Chunk *c) {
  return c && c->shdr.sh_size > 0;
}

/* Adds a string to .dynstr once: equal strings share one offset (readers such as
 * readelf rely on a version node's symbol and its Verdaux sharing the name). */
u32 dynstr_add(Ctx *ctx, const char *s) {
  DynamicState *d = &ctx->dyn;
  if (ctx->dynstr_buf.len == 0)
    vec_push(&ctx->dynstr_buf, 0);
  if (!*s)
    return 0;
  if (d->strtab_used * 2 >= d->strtab_cap) {
    i64 ncap = d->strtab_cap ? d->strtab_cap * 2 : 1024;
    DynstrSlot *nt = calloc((size_t)ncap, sizeof(DynstrSlot));
    if (!nt)
      fatal(ctx, "out of memory");
    for (i64 i = 0; i < d->strtab_cap; i++) {
      if (!d->strtab_slots[i].offset)
        continue;
      u64 h = d->strtab_slots[i].hash & (u64)(ncap - 1);
      while (nt[h].offset)
        h = (h + 1) & (u64)(ncap - 1);
      nt[h] = d->strtab_slots[i];
    }
    free(d->strtab_slots);
    d->strtab_slots = nt;
    d->strtab_cap = ncap;
  }
  i64 len = (i64)strlen(s);
  u64 hash = hash_string(s, len);
  u64 mask = (u64)d->strtab_cap - 1;
  u64 h = hash & mask;
  for (; d->strtab_slots[h].offset; h = (h + 1) & mask) {
    DynstrSlot *slot = &d->strtab_slots[h];
    if (slot->hash == hash && !strcmp(ctx->dynstr_buf.data + slot->offset, s))
      return slot->offset;
  }
  u32 off = (u32)ctx->dynstr_buf.len;
  if (ctx->dynstr_buf.len + len + 1 > ctx->dynstr_buf.cap)
    vec_grow(&ctx->dynstr_buf.data, &ctx->dynstr_buf.cap, ctx->dynstr_buf.len + len + 1,
             sizeof(char));
  memcpy(ctx->dynstr_buf.data + off, s, (size_t)len + 1);
  ctx->dynstr_buf.len += len + 1;
  d->strtab_slots[h] = (DynstrSlot){off, hash};
  d->strtab_used++;
  return off;
}

static u32 sysv_hash(const char *s) {
  u32 h = 0;
  for (; *s; s++) {
    h = (h << 4) + (u8)*s;
    u32 g = h & 0xf0000000;
    if (g)
      h ^= g >> 24;
    h &= ~g;
  }
  return h;
}

/* The name in .dynsym, and its GNU hash: "foo@VER" references keep only "foo"; the
 * version goes to .gnu.version. */
static const char *dynsym_name(Ctx *ctx, Symbol *sym, u32 *hash) {
  const char *at = strchr(sym->name, '@');
  i64 len = at ? at - sym->name : (i64)strlen(sym->name);
  *hash = gnu_hash_bytes((const u8 *)sym->name, len);
  if (!at)
    return sym->name;
  char *s = arena_alloc(local_arena(ctx), len + 1, 1);
  memcpy(s, sym->name, (size_t)len);
  return s;
}

void create_dynamic_sections(Ctx *ctx) {
  if (!ctx->is_dynamic)
    return;
  if (ctx->opt.kind != OUT_SHARED && ctx->opt.dynamic_linker) {
    ctx->interp = new_chunk(ctx, CK_INTERP, ".interp", SHT_PROGBITS, SHF_ALLOC, 1);
    ctx->interp->shdr.sh_size = strlen(ctx->opt.dynamic_linker) + 1;
  }
  ctx->dynamic = new_chunk(ctx, CK_DYNAMIC, ".dynamic", SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, 8);
  ctx->dynamic->shdr.sh_entsize = sizeof(Elf64_Dyn);
  ctx->dynamic->is_relro = true;
  ctx->dynsym = new_chunk(ctx, CK_DYNSYM, ".dynsym", SHT_DYNSYM, SHF_ALLOC, 8);
  ctx->dynsym->shdr.sh_entsize = sizeof(Elf64_Sym);
  ctx->dynsym->shdr.sh_info = 1;
  ctx->dynstr = new_chunk(ctx, CK_DYNSTR, ".dynstr", SHT_STRTAB, SHF_ALLOC, 1);
  if (ctx->opt.hash_gnu)
    ctx->gnu_hash = new_chunk(ctx, CK_GNU_HASH, ".gnu.hash", SHT_GNU_HASH, SHF_ALLOC, 8);
  if (ctx->opt.hash_sysv)
    ctx->hash = new_chunk(ctx, CK_HASH, ".hash", SHT_HASH, SHF_ALLOC, 8);
  if (ctx->hash)
    ctx->hash->shdr.sh_entsize = 4;
  ctx->versym = new_chunk(ctx, CK_VERSYM, ".gnu.version", SHT_GNU_versym, SHF_ALLOC, 2);
  ctx->versym->shdr.sh_entsize = 2;
  ctx->verneed = new_chunk(ctx, CK_VERNEED, ".gnu.version_r", SHT_GNU_verneed, SHF_ALLOC, 8);
  ctx->verdef = new_chunk(ctx, CK_VERDEF, ".gnu.version_d", SHT_GNU_verdef, SHF_ALLOC, 8);
  ctx->rela_dyn = new_chunk(ctx, CK_RELA_DYN, ".rela.dyn", SHT_RELA, SHF_ALLOC, 8);
  ctx->rela_dyn->shdr.sh_entsize = sizeof(Elf64_Rela);
  if (ctx->opt.pack_relative_relocs) {
    ctx->relr = new_chunk(ctx, CK_RELR, ".relr.dyn", SHT_RELR, SHF_ALLOC, 8);
    ctx->relr->shdr.sh_entsize = 8;
  }
  ctx->plt = new_chunk(ctx, CK_PLT, ".plt", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 16);
  ctx->plt->shdr.sh_entsize = 16;
  ctx->pltgot = new_chunk(ctx, CK_PLTGOT, ".plt.got", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 8);
  ctx->plt_sec = new_chunk(ctx, CK_PLTSEC, ".plt.sec", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 16);
  ctx->copyrel = new_chunk(ctx, CK_COPYREL, ".copyrel", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 1);
  ctx->copyrel_ro =
      new_chunk(ctx, CK_COPYREL, ".copyrel.rel.ro", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 1);
  ctx->copyrel_ro->is_relro = true;
}

/* Version needs: one Verneed per shared object, one Vernaux per version of it used.
 * Version indexes are one space per output (gABI "Symbol Versioning"): index 1 is the
 * output itself, then its own version definitions, so needed versions are numbered
 * after the last defined one, as GNU ld does. */
static u16 next_verneed_index(Ctx *ctx) {
  i64 defined = 0;
  for (i64 i = 0; i < ctx->version_nodes.len; i++)
    defined += ctx->version_nodes.data[i].name != NULL;
  return (u16)(2 + defined + ctx->dyn.verneeds.len);
}

static void add_verneed(Ctx *ctx, InputFile *dso, const char *name) {
  u16 index = next_verneed_index(ctx);
  vec_push(&ctx->dyn.verneeds, ((VerNeed){dso, name, index}));
  dso->verneed_count++;
}

static u16 version_index_for(Ctx *ctx, Symbol *sym) {
  if (!sym->is_imported)
    return sym->ver_idx ? sym->ver_idx : VER_NDX_GLOBAL;
  const char *v = dso_version_name(sym->file, sym->sym_idx);
  /* --default-imported-symver (GNU ld): an unversioned import needs a version named
   * after its library's soname. */
  if (!v && ctx->opt.default_imported_symver)
    v = sym->file->soname;
  /* A library that gets no DT_NEEDED (only weak references under --as-needed) cannot
   * be named by a version need either. Nor, in GNU ld, one that --copy-dt-needed-entries
   * added (elf_link_find_version_dependencies skips DYN_DT_NEEDED libraries): the
   * reference stays unversioned and binds to the default version. */
  if (!v || !sym->file->is_needed || sym->file->is_copied_needed)
    return VER_NDX_GLOBAL;
  for (i64 i = 0; i < ctx->dyn.verneeds.len; i++)
    if (ctx->dyn.verneeds.data[i].dso == sym->file && !strcmp(ctx->dyn.verneeds.data[i].name, v))
      return ctx->dyn.verneeds.data[i].index;
  add_verneed(ctx, sym->file, v);
  return ctx->dyn.verneeds.data[ctx->dyn.verneeds.len - 1].index;
}

static bool needs_dynsym(Ctx *ctx, const Symbol *sym) {
  if (sym->is_exported || sym->has_copyrel || sym->is_canonical)
    return true;
  if (!sym->referenced || !(sym->is_imported || sym->is_preemptible))
    return false;
  /* An executable's undefined weak is left to the loader only where a GOT slot, a
   * PLT entry or a dynamic relocation needs it; references resolved to 0 need no
   * entry (GNU ld). */
  if (ctx->opt.kind != OUT_SHARED && !symbol_is_defined(sym))
    return (atomic_load(&sym->flags) & (NEEDS_GOT | NEEDS_PLT | NEEDS_DYNSYM)) != 0;
  /* Under --gc-sections, an import only collected sections referred to is dropped
   * (GNU ld): every relocation a live section has against an import sets a flag. */
  if (ctx->opt.gc_sections && sym->is_imported)
    return atomic_load(&sym->flags) != 0;
  return true;
}

static bool is_hashed(const Symbol *sym) {
  if (sym->has_copyrel || sym->is_canonical)
    return true;
  return !sym->is_imported && symbol_is_defined(sym);
}

typedef struct HashedSym {
  Symbol *sym;
  const char *name;
  u32 hash;
  u32 bucket;
} HashedSym;

typedef VEC(Symbol *) SymbolVec;

/* Parallel work over a long array goes in blocks of this many items. */
enum { DYN_BLOCK = 4096 };

static i64 block_count(i64 n) {
  return (n + DYN_BLOCK - 1) / DYN_BLOCK;
}

/* .dynsym candidates are listed in the order of the first file (objects, then shared
 * objects, by priority) that names them. On all threads, in two passes: each file
 * bids for the symbols it names with its position, the lowest bid winning
 * (dynsym_idx holds -(FIRST_BID + position) meanwhile); then each file lists the
 * symbols it won, in its own symbol order. */
enum { DYNSYM_NONE = -1, DYNSYM_CLAIMED = -2, FIRST_BID = 3 };

typedef struct CandidateLists {
  InputFile **files; /* objects, then shared objects */
  SymbolVec *won;    /* per file */
  i64 *starts;       /* per file: where its winners go in out */
  Symbol **out;
} CandidateLists;

static Symbol *dynsym_candidate(Ctx *ctx, InputFile *f, i64 i) {
  Symbol *sym = f->syms[i];
  if (sym->is_version_alias)
    sym = AUX(sym)->base_sym; /* "foo@@V" is exported as "foo" */
  return needs_dynsym(ctx, sym) ? sym : NULL;
}

static void bid_for_candidates_task(Ctx *ctx, i64 pos, void *arg) {
  InputFile *f = ((CandidateLists *)arg)->files[pos];
  i32 bid = (i32)(-(FIRST_BID + pos));
  for (i64 i = f->first_global; f->syms && i < f->nsyms; i++) {
    if (i + 8 < f->nsyms)
      __builtin_prefetch(f->syms[i + 8], 1); /* each a cache miss, in a serial chain */
    Symbol *sym = dynsym_candidate(ctx, f, i);
    if (!sym)
      continue;
    /* Bids are -3, -4, ...: the earliest file's is the largest. */
    i32 seen = __atomic_load_n(&sym->dynsym_idx, __ATOMIC_RELAXED);
    while ((seen == DYNSYM_NONE || (seen <= -FIRST_BID && seen < bid)) &&
           !__atomic_compare_exchange_n(&sym->dynsym_idx, &seen, bid, true, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED))
      ;
  }
}

static void collect_won_candidates_task(Ctx *ctx, i64 pos, void *arg) {
  CandidateLists *lists = arg;
  InputFile *f = lists->files[pos];
  i32 bid = (i32)(-(FIRST_BID + pos));
  for (i64 i = f->first_global; f->syms && i < f->nsyms; i++) {
    if (i + 8 < f->nsyms)
      __builtin_prefetch(f->syms[i + 8]);
    Symbol *sym = dynsym_candidate(ctx, f, i);
    if (sym && __atomic_load_n(&sym->dynsym_idx, __ATOMIC_RELAXED) == bid) {
      __atomic_store_n(&sym->dynsym_idx, DYNSYM_CLAIMED, __ATOMIC_RELAXED);
      vec_push(&lists->won[pos], sym);
    }
  }
}

static void place_won_candidates_task(Ctx *ctx, i64 pos, void *arg) {
  (void)ctx;
  CandidateLists *lists = arg;
  SymbolVec *won = &lists->won[pos];
  if (won->len)
    memcpy(lists->out + lists->starts[pos], won->data, (size_t)won->len * sizeof(Symbol *));
  free(won->data);
}

/* The candidates in cand (empty), with room for extra more. */
static void list_candidates(Ctx *ctx, SymbolVec *cand, i64 extra) {
  i64 n = ctx->objs.len + ctx->dsos.len;
  CandidateLists lists = {calloc((size_t)MAX(n, 1), sizeof(InputFile *)),
                          calloc((size_t)MAX(n, 1), sizeof(SymbolVec)), NULL, NULL};
  if (!lists.files || !lists.won)
    fatal(ctx, "out of memory");
  for (i64 i = 0; i < ctx->objs.len; i++)
    lists.files[i] = ctx->objs.data[i];
  for (i64 i = 0; i < ctx->dsos.len; i++)
    lists.files[ctx->objs.len + i] = ctx->dsos.data[i];
  parallel_for(ctx, n, bid_for_candidates_task, &lists);
  parallel_for(ctx, n, collect_won_candidates_task, &lists);
  /* Each file's winners go to their place in cand, on all threads. */
  lists.starts = malloc((size_t)MAX(n, 1) * sizeof(i64));
  if (!lists.starts)
    fatal(ctx, "out of memory");
  for (i64 pos = 0; pos < n; pos++)
    lists.starts[pos] = lists.won[pos].len;
  i64 total = counts_to_starts(lists.starts, n, 0);
  vec_grow_for_parallel_fill(&cand->data, 0, &cand->cap, total + extra, sizeof(Symbol *));
  cand->len = total;
  lists.out = cand->data;
  parallel_for(ctx, n, place_won_candidates_task, &lists);
  free(lists.starts);
  free(lists.won);
  free(lists.files);
}

/* The candidates split in two, in blocks on all threads, each part keeping candidate
 * order: the symbols .gnu.hash leaves out go first into .dynsym; the hashed ones,
 * with their names and hashes, are sorted by bucket after. */
typedef struct SplitJob {
  Symbol **cand;
  i64 n;
  i64 *hashed_before; /* per block: hashed candidates in the blocks before it; [nblocks]: all */
  HashedSym *hs;
  u32 nbuckets;
} SplitJob;

static void count_hashed_task(Ctx *ctx, i64 b, void *arg) {
  (void)ctx;
  SplitJob *job = arg;
  i64 count = 0;
  for (i64 i = b * DYN_BLOCK; i < MIN(job->n, (b + 1) * DYN_BLOCK); i++)
    count += is_hashed(job->cand[i]);
  job->hashed_before[b] = count;
}

static void split_candidates_task(Ctx *ctx, i64 b, void *arg) {
  SplitJob *job = arg;
  i64 hashed = job->hashed_before[b];
  i64 unhashed = 1 + b * DYN_BLOCK - hashed; /* after the null entry */
  i64 end = MIN(job->n, (b + 1) * DYN_BLOCK);
  for (i64 i = b * DYN_BLOCK; i < end; i++) {
    /* The names lie all over the inputs' string tables: fetched ahead. */
    if (i + 8 < end)
      __builtin_prefetch(job->cand[i + 8]->name);
    Symbol *sym = job->cand[i];
    if (!is_hashed(sym)) {
      ctx->dynsyms.data[unhashed++] = sym;
      continue;
    }
    HashedSym *h = &job->hs[hashed++];
    h->sym = sym;
    h->name = dynsym_name(ctx, sym, &h->hash);
    h->bucket = h->hash % job->nbuckets;
  }
}

/* .gnu.hash wants the hashed symbols grouped by bucket, candidate order within a
 * bucket: a counting sort, on all threads. The buckets are cut into ranges; each
 * block of candidates counts its symbols per range, the counts are summed range by
 * range in block order, each block moves its symbols to their range's place, and each
 * range sorts its own by bucket, into sorted and into .dynsym. */
enum { BUCKET_RANGES = 64 };

typedef struct BucketSortJob {
  const HashedSym *hs;
  const i64 *block_start; /* [nblocks + 1]: each block's first hashed symbol in hs */
  u32 nbuckets;
  i64 *at; /* [block][range]: the count, then where the next one goes */
  i64 range_start[BUCKET_RANGES + 1];
  HashedSym *moved; /* grouped by range */
  HashedSym *sorted;
} BucketSortJob;

static i64 range_of(u32 bucket, u32 nbuckets) {
  return (i64)(((u64)bucket * BUCKET_RANGES) / nbuckets);
}

static void count_block_ranges_task(Ctx *ctx, i64 b, void *arg) {
  (void)ctx;
  BucketSortJob *job = arg;
  i64 *count = &job->at[b * BUCKET_RANGES];
  for (i64 i = job->block_start[b]; i < job->block_start[b + 1]; i++)
    count[range_of(job->hs[i].bucket, job->nbuckets)]++;
}

static void move_block_task(Ctx *ctx, i64 b, void *arg) {
  (void)ctx;
  BucketSortJob *job = arg;
  i64 *at = &job->at[b * BUCKET_RANGES];
  for (i64 i = job->block_start[b]; i < job->block_start[b + 1]; i++)
    job->moved[at[range_of(job->hs[i].bucket, job->nbuckets)]++] = job->hs[i];
}

static void sort_range_task(Ctx *ctx, i64 r, void *arg) {
  BucketSortJob *job = arg;
  i64 first = job->range_start[r], end = job->range_start[r + 1];
  /* The range's buckets: those b with range_of(b) == r. */
  u32 lo = (u32)(((u64)r * job->nbuckets + BUCKET_RANGES - 1) / BUCKET_RANGES);
  u32 hi = (u32)(((u64)(r + 1) * job->nbuckets + BUCKET_RANGES - 1) / BUCKET_RANGES);
  i64 *start = calloc((size_t)(hi - lo) + 1, sizeof(i64));
  if (!start)
    fatal(ctx, "out of memory");
  for (i64 i = first; i < end; i++)
    start[job->moved[i].bucket - lo + 1]++;
  for (u32 b = 0; b < hi - lo; b++)
    start[b + 1] += start[b];
  Symbol **dynsyms = ctx->dynsyms.data + ctx->gnu_hash_symoffset;
  for (i64 i = first; i < end; i++) {
    i64 to = first + start[job->moved[i].bucket - lo]++;
    job->sorted[to] = job->moved[i];
    dynsyms[to] = job->moved[i].sym;
  }
  free(start);
}

static void sort_by_bucket(Ctx *ctx, const SplitJob *split, i64 nblocks, i64 nhashed,
                           HashedSym *sorted) {
  BucketSortJob job = {.hs = split->hs,
                       .block_start = split->hashed_before,
                       .nbuckets = split->nbuckets,
                       .at = calloc((size_t)MAX(nblocks, 1) * BUCKET_RANGES, sizeof(i64)),
                       .moved = malloc((size_t)MAX(nhashed, 1) * sizeof(HashedSym)),
                       .sorted = sorted};
  if (!job.at || !job.moved)
    fatal(ctx, "out of memory");
  /* A few thousand symbols take less time than waking the other threads. */
  bool large = nhashed >= 16384;
  parallel_for_if(ctx, large, nblocks, count_block_ranges_task, &job);
  i64 next = 0;
  for (i64 r = 0; r < BUCKET_RANGES; r++) {
    job.range_start[r] = next;
    for (i64 b = 0; b < nblocks; b++) {
      i64 n = job.at[b * BUCKET_RANGES + r];
      job.at[b * BUCKET_RANGES + r] = next;
      next += n;
    }
  }
  job.range_start[BUCKET_RANGES] = next;
  parallel_for_if(ctx, large, nblocks, move_block_task, &job);
  parallel_for_if(ctx, large, BUCKET_RANGES, sort_range_task, &job);
  free(job.moved);
  free(job.at);
}

typedef struct NumberJob {
  u8 *imported;            /* per entry, for the serial pass */
  const HashedSym *sorted; /* the hashed entries, from gnu_hash_symoffset on */
} NumberJob;

/* Entries that are not imports: their index, version and name, on all threads; the
 * imports are marked for the serial pass. */
static void number_local_entries_task(Ctx *ctx, i64 b, void *arg) {
  NumberJob *job = arg;
  for (i64 i = MAX(1, b * DYN_BLOCK); i < MIN(ctx->dynsyms.len, (b + 1) * DYN_BLOCK); i++) {
    Symbol *sym = ctx->dynsyms.data[i];
    sym->dynsym_idx = (i32)i;
    job->imported[i] = sym->is_imported;
    if (!sym->is_imported)
      sym->ver_idx = version_index_for(ctx, sym);
    if (i < ctx->gnu_hash_symoffset) {
      ctx->dyn.names[i] = dynsym_name(ctx, sym, &ctx->dyn.gnu_hashes[i]);
    } else {
      ctx->dyn.names[i] = job->sorted[i - ctx->gnu_hash_symoffset].name;
      ctx->dyn.gnu_hashes[i] = job->sorted[i - ctx->gnu_hash_symoffset].hash;
    }
  }
}

void size_dynamic_sections(Ctx *ctx) {
  if (!ctx->is_dynamic)
    return;
  SymbolVec cand = {0};
  list_candidates(ctx, &cand, ctx->linker_syms.len + ctx->version_nodes.len);
  for (i64 i = 0; i < ctx->linker_syms.len; i++) {
    Symbol *sym = ctx->linker_syms.data[i];
    if (sym->dynsym_idx == DYNSYM_NONE && needs_dynsym(ctx, sym)) {
      sym->dynsym_idx = DYNSYM_CLAIMED;
      vec_push(&cand, sym);
    }
  }
  /* Like GNU ld, a shared object that defines versions exports an absolute symbol
   * named after each (dpkg-gensymbols lists them). */
  for (i64 i = 0; i < ctx->version_nodes.len; i++) {
    VersionNode *v = &ctx->version_nodes.data[i];
    if (!v->name)
      continue;
    Symbol *s = &ARENA_NEW(&ctx->arena, GlobalSymbol)->sym;
    s->name = v->name;
    s->file = ctx->internal_file;
    s->rank = RANK_DEFINED;
    s->type = STT_OBJECT;
    s->binding = STB_GLOBAL;
    s->is_abs = true;
    s->is_exported = true;
    s->ver_idx = v->index;
    s->sym_idx = -1;
    clear_symbol_slots(s);
    s->dynsym_idx = DYNSYM_CLAIMED;
    s->is_version_node = true;
    vec_push(&cand, s);
  }
  i64 nblocks = block_count(cand.len);
  SplitJob split = {
      .cand = cand.data, .n = cand.len, .hashed_before = calloc((size_t)nblocks + 1, sizeof(i64))};
  if (!split.hashed_before)
    fatal(ctx, "out of memory");
  parallel_for(ctx, nblocks, count_hashed_task, &split);
  i64 nhashed = counts_to_starts(split.hashed_before, nblocks, 0);
  split.hashed_before[nblocks] = nhashed;
  ctx->gnu_hash_symoffset = 1 + cand.len - nhashed;
  ctx->gnu_hash_nbuckets = MAX(1, nhashed / 4);
  /* Every slot of these is written by a task: their pages are first touched there. */
  vec_grow_for_parallel_fill(&ctx->dynsyms.data, ctx->dynsyms.len, &ctx->dynsyms.cap, 1 + cand.len,
                             sizeof(Symbol *));
  ctx->dynsyms.data[0] = NULL;
  ctx->dynsyms.len = ctx->gnu_hash_symoffset;
  HashedSym *hs = malloc((size_t)MAX(nhashed, 1) * sizeof(HashedSym));
  HashedSym *sorted = malloc((size_t)MAX(nhashed, 1) * sizeof(HashedSym));
  if (!hs || !sorted)
    fatal(ctx, "out of memory");
  split.hs = hs;
  split.nbuckets = (u32)ctx->gnu_hash_nbuckets;
  parallel_for(ctx, nblocks, split_candidates_task, &split);
  sort_by_bucket(ctx, &split, nblocks, nhashed, sorted);
  free(split.hashed_before);
  free(hs);
  ctx->dynsyms.len += nhashed;
  free(cand.data);

  /* Written whole by number_local_entries_task (entry 0 here): first touched there. */
  ctx->dyn.names = malloc((size_t)ctx->dynsyms.len * sizeof(const char *));
  ctx->dyn.gnu_hashes = malloc((size_t)ctx->dynsyms.len * sizeof(u32));
  u8 *imported = calloc((size_t)ctx->dynsyms.len, 1);
  if (!ctx->dyn.names || !ctx->dyn.gnu_hashes || !imported)
    fatal(ctx, "out of memory");
  ctx->dyn.names[0] = NULL;
  ctx->dyn.gnu_hashes[0] = 0;
  NumberJob number = {imported, sorted};
  parallel_for(ctx, block_count(ctx->dynsyms.len), number_local_entries_task, &number);
  /* Serial and in .dynsym order: version needs are numbered as they are first met. */
  for (i64 i = 1; i < ctx->dynsyms.len; i++)
    if (imported[i])
      ctx->dynsyms.data[i]->ver_idx = version_index_for(ctx, ctx->dynsyms.data[i]);
  free(imported);
  free(sorted);
  /* Like GNU ld: a program with DT_RELR needs glibc's GLIBC_ABI_DT_RELR version, so an
   * older glibc refuses it instead of starting without its relative relocations. */
  if (ctx->nrelr) {
    for (i64 i = 0; i < ctx->dsos.len; i++) {
      InputFile *d = ctx->dsos.data[i];
      bool glibc = d->is_needed && d->soname && !strcmp(d->soname, "libc.so.6");
      bool has_relr_version = false;
      for (i64 k = 0; glibc && k < d->nverdefs; k++)
        has_relr_version |= d->verdef_names[k] && !strcmp(d->verdef_names[k], "GLIBC_ABI_DT_RELR");
      if (!has_relr_version)
        continue;
      bool have = false;
      for (i64 k = 0; k < ctx->dyn.verneeds.len; k++)
        have |= ctx->dyn.verneeds.data[k].dso == d &&
                !strcmp(ctx->dyn.verneeds.data[k].name, "GLIBC_ABI_DT_RELR");
      if (!have)
        add_verneed(ctx, d, "GLIBC_ABI_DT_RELR");
    }
  }
  i64 nverdefs = 0, nverdaux = 0;
  for (i64 i = 0; i < ctx->version_nodes.len; i++)
    if (ctx->version_nodes.data[i].name) {
      nverdefs++;
      nverdaux += 1 + ctx->version_nodes.data[i].nparents;
    }
  if (nverdefs) {
    nverdefs++; /* the file's own entry, VER_FLG_BASE */
    nverdaux++;
  }
  ctx->verdef->shdr.sh_size =
      (u64)nverdefs * sizeof(Elf64_Verdef) + (u64)nverdaux * sizeof(Elf64_Verdaux);
  ctx->verdef->shdr.sh_info = (u32)nverdefs;
  i64 nverneed_files = 0;
  for (i64 i = 0; i < ctx->dsos.len; i++)
    nverneed_files += ctx->dsos.data[i]->verneed_count > 0;
  ctx->dynsym->shdr.sh_size = (u64)ctx->dynsyms.len * sizeof(Elf64_Sym);
  ctx->versym->shdr.sh_size = ctx->dyn.verneeds.len || nverdefs ? (u64)ctx->dynsyms.len * 2 : 0;
  ctx->verneed->shdr.sh_size = (u64)nverneed_files * sizeof(Elf64_Verneed) +
                               (u64)ctx->dyn.verneeds.len * sizeof(Elf64_Vernaux);
  ctx->verneed->shdr.sh_info = (u32)nverneed_files;
  if (ctx->gnu_hash) {
    i64 bloom = 1;
    while (bloom < nhashed / 8)
      bloom *= 2;
    ctx->gnu_hash_bloom = bloom;
    ctx->gnu_hash->shdr.sh_size =
        16 + 8 * (u64)bloom + 4 * (u64)ctx->gnu_hash_nbuckets + 4 * (u64)nhashed;
  }
  if (ctx->hash)
    ctx->hash->shdr.sh_size = 8 + 4 * (u64)ctx->gnu_hash_nbuckets + 4 * (u64)ctx->dynsyms.len;
  ctx->rela_dyn->shdr.sh_size = (u64)(ctx->dynrels.len - ctx->nrelr) * sizeof(Elf64_Rela);
}

/* Symbol names go into .dynstr in parallel blocks, unshared: all names but a few
 * differ (.dynsym holds one entry per name, save "foo@V1"/"foo@V2" pairs), and
 * looking each up in a table was the slowest serial step of large shared links.
 * Version-node symbols are the exception: readers expect their name to be the
 * Verdaux's string, so they go through dynstr_add with the version names. */
enum { VERSION_NODE_NAME = UINT32_MAX }; /* a name_offsets mark until it is added */

typedef struct NameBlocks {
  i64 *bytes; /* per block: its names' bytes; then its first offset */
} NameBlocks;

static bool name_in_bulk(Ctx *ctx, i64 i) {
  return *ctx->dyn.names[i] && !ctx->dynsyms.data[i]->is_version_node;
}

static void measure_names_task(Ctx *ctx, i64 b, void *arg) {
  NameBlocks *nb = arg;
  i64 bytes = 0;
  for (i64 i = MAX(1, b * DYN_BLOCK); i < MIN(ctx->dynsyms.len, (b + 1) * DYN_BLOCK); i++)
    if (name_in_bulk(ctx, i))
      bytes += (i64)strlen(ctx->dyn.names[i]) + 1;
  nb->bytes[b] = bytes;
}

static void copy_names_task(Ctx *ctx, i64 b, void *arg) {
  NameBlocks *nb = arg;
  i64 off = nb->bytes[b];
  for (i64 i = MAX(1, b * DYN_BLOCK); i < MIN(ctx->dynsyms.len, (b + 1) * DYN_BLOCK); i++) {
    /* Version nodes' names are added after, serially. */
    ctx->dyn.name_offsets[i] = ctx->dynsyms.data[i]->is_version_node ? VERSION_NODE_NAME : 0;
    if (!name_in_bulk(ctx, i))
      continue;
    i64 len = (i64)strlen(ctx->dyn.names[i]) + 1;
    memcpy(ctx->dynstr_buf.data + off, ctx->dyn.names[i], (size_t)len);
    ctx->dyn.name_offsets[i] = (u32)off;
    off += len;
  }
}

/* At most the bytes that dynstr_add appends after the symbol names: the version
 * nodes' names (as symbols and in Verdaux entries), the needed versions' names and
 * the file's own name. Reserved with the names, so that .dynstr is not copied again. */
static i64 bytes_added_after_names(Ctx *ctx) {
  i64 bytes = 0;
  for (i64 i = 0; i < ctx->version_nodes.len; i++)
    if (ctx->version_nodes.data[i].name)
      bytes += 2 * ((i64)strlen(ctx->version_nodes.data[i].name) + 1);
  for (i64 i = 0; i < ctx->dyn.verneeds.len; i++)
    bytes += (i64)strlen(ctx->dyn.verneeds.data[i].name) + 1;
  const char *base = ctx->opt.soname ? ctx->opt.soname : ctx->opt.output;
  return bytes + (base ? (i64)strlen(base) + 1 : 0);
}

static void add_dynsym_names(Ctx *ctx) {
  i64 nblocks = block_count(ctx->dynsyms.len);
  NameBlocks nb = {calloc((size_t)MAX(nblocks, 1), sizeof(i64))};
  if (!nb.bytes)
    fatal(ctx, "out of memory");
  parallel_for(ctx, nblocks, measure_names_task, &nb);
  i64 off = counts_to_starts(nb.bytes, nblocks, ctx->dynstr_buf.len);
  if (off > UINT32_MAX)
    fatal(ctx, ".dynstr would exceed 4 GiB");
  vec_grow_for_parallel_fill(&ctx->dynstr_buf.data, ctx->dynstr_buf.len, &ctx->dynstr_buf.cap,
                             off + bytes_added_after_names(ctx), sizeof(char));
  parallel_for(ctx, nblocks, copy_names_task, &nb);
  ctx->dynstr_buf.len = off;
  free(nb.bytes);
  for (i64 i = 1; i < ctx->dynsyms.len; i++)
    if (ctx->dyn.name_offsets[i] == VERSION_NODE_NAME)
      ctx->dyn.name_offsets[i] = dynstr_add(ctx, ctx->dyn.names[i]);
}

/* Strings must be final before .dynstr's size is: called from layout, before addresses. */

void finalize_dynstr(Ctx *ctx) {
  if (!ctx->is_dynamic)
    return;
  if (ctx->dynstr_buf.len == 0)
    vec_push(&ctx->dynstr_buf, 0); /* a string table starts with an empty string */
  ctx->dyn.needed_offsets = calloc((size_t)MAX(ctx->dsos.len, 1), sizeof(u32));
  for (i64 i = 0; i < ctx->dsos.len; i++) {
    InputFile *d = ctx->dsos.data[i];
    if (d->is_needed)
      ctx->dyn.needed_offsets[i] = dynstr_add(ctx, d->soname);
  }
  if (ctx->opt.rpath)
    ctx->dyn.rpath_offset = dynstr_add(ctx, ctx->opt.rpath);
  if (ctx->opt.soname)
    ctx->dyn.soname_offset = dynstr_add(ctx, ctx->opt.soname);
  const Options *o = &ctx->opt;
  if (o->filter)
    ctx->dyn.filter_offset = dynstr_add(ctx, o->filter);
  ctx->dyn.auxiliary_offsets = ARENA_ARRAY(&ctx->arena, u32, MAX(o->auxiliaries.len, 1));
  for (i64 i = 0; i < o->auxiliaries.len; i++)
    ctx->dyn.auxiliary_offsets[i] = dynstr_add(ctx, o->auxiliaries.data[i]);
  if (o->audit)
    ctx->dyn.audit_offset = dynstr_add(ctx, o->audit);
  if (o->depaudit)
    ctx->dyn.depaudit_offset = dynstr_add(ctx, o->depaudit);
  /* Written whole by copy_names_task (entry 0 here): first touched there. */
  ctx->dyn.name_offsets = malloc((size_t)ctx->dynsyms.len * sizeof(u32));
  if (!ctx->dyn.name_offsets)
    fatal(ctx, "out of memory");
  ctx->dyn.name_offsets[0] = 0;
  add_dynsym_names(ctx);
  ctx->dyn.vername_offsets = calloc((size_t)MAX(ctx->dyn.verneeds.len, 1), sizeof(u32));
  for (i64 i = 0; i < ctx->dyn.verneeds.len; i++)
    ctx->dyn.vername_offsets[i] = dynstr_add(ctx, ctx->dyn.verneeds.data[i].name);
  ctx->dyn.verdef_name_offsets = calloc((size_t)ctx->version_nodes.len + 1, sizeof(u32));
  if (ctx->verdef->shdr.sh_size) {
    const char *base = ctx->opt.soname ? ctx->opt.soname : ctx->opt.output;
    const char *slash = strrchr(base, '/');
    ctx->dyn.verdef_name_offsets[0] = dynstr_add(ctx, slash && !ctx->opt.soname ? slash + 1 : base);
    for (i64 i = 0; i < ctx->version_nodes.len; i++)
      if (ctx->version_nodes.data[i].name)
        ctx->dyn.verdef_name_offsets[i + 1] = dynstr_add(ctx, ctx->version_nodes.data[i].name);
  }
  ctx->dynstr->shdr.sh_size = (u64)ctx->dynstr_buf.len;
}

static u32 verdef_name_offset(Ctx *ctx, const char *name) {
  i32 node = find_version_node(ctx, name);
  return node >= 0 ? ctx->dyn.verdef_name_offsets[node + 1] : 0;
}

static void write_verdefs(Ctx *ctx) {
  if (!present(ctx->verdef))
    return;
  u8 *p = ctx->buf + ctx->verdef->shdr.sh_offset;
  i64 left = ctx->verdef->shdr.sh_info;
  const char *base = ctx->opt.soname ? ctx->opt.soname : ctx->opt.output;
  /* Entry 1 names the file itself; then one per named version node. */
  for (i64 i = -1; i < ctx->version_nodes.len; i++) {
    const VersionNode *v = i >= 0 ? &ctx->version_nodes.data[i] : NULL;
    if (v && !v->name)
      continue;
    left--;
    u16 cnt = (u16)(1 + (v ? v->nparents : 0));
    const char *name = v ? v->name : base;
    Elf64_Verdef vd = {
        .vd_version = 1,
        .vd_flags = v ? 0 : VER_FLG_BASE,
        .vd_ndx = v ? v->index : 1,
        .vd_cnt = cnt,
        .vd_hash = sysv_hash(
            v ? name : (strrchr(base, '/') && !ctx->opt.soname ? strrchr(base, '/') + 1 : base)),
        .vd_aux = sizeof(Elf64_Verdef)};
    vd.vd_next = left ? (u32)(sizeof(Elf64_Verdef) + cnt * sizeof(Elf64_Verdaux)) : 0;
    memcpy(p, &vd, sizeof vd);
    p += sizeof vd;
    Elf64_Verdaux va = {.vda_name = ctx->dyn.verdef_name_offsets[i + 1],
                        .vda_next = cnt > 1 ? sizeof(Elf64_Verdaux) : 0};
    memcpy(p, &va, sizeof va);
    p += sizeof va;
    /* Parents in reverse script order, as GNU ld lists them. */
    for (i64 k = 0; v && k < v->nparents; k++) {
      Elf64_Verdaux pa = {.vda_name = verdef_name_offset(ctx, v->parents[v->nparents - 1 - k]),
                          .vda_next = k + 1 < v->nparents ? sizeof(Elf64_Verdaux) : 0};
      memcpy(p, &pa, sizeof pa);
      p += sizeof pa;
    }
  }
}

typedef struct DynWriter {
  Elf64_Dyn *out; /* NULL: count only */
  i64 n;
} DynWriter;

static void dyn(DynWriter *w, i64 tag, u64 val) {
  if (w->out)
    w->out[w->n] = (Elf64_Dyn){.d_tag = tag, .d_un.d_val = val};
  w->n++;
}

static Chunk *find_output(Ctx *ctx, const char *name) {
  for (i64 i = 0; i < ctx->chunks.len; i++)
    if (ctx->chunks.data[i]->shdr.sh_size && !strcmp(ctx->chunks.data[i]->name, name))
      return ctx->chunks.data[i];
  return NULL;
}

/* One walk serves counting and writing, so the two cannot disagree. */
static void walk_dynamic(Ctx *ctx, DynWriter *w) {
  for (i64 i = 0; i < ctx->dsos.len; i++)
    if (ctx->dsos.data[i]->is_needed)
      dyn(w, DT_NEEDED, ctx->dyn.needed_offsets ? ctx->dyn.needed_offsets[i] : 0);
  if (ctx->opt.soname)
    dyn(w, DT_SONAME, ctx->dyn.soname_offset);
  if (ctx->opt.rpath)
    dyn(w, ctx->opt.disable_new_dtags ? DT_RPATH : DT_RUNPATH, ctx->dyn.rpath_offset);
  if (ctx->opt.filter)
    dyn(w, DT_FILTER, ctx->dyn.filter_offset);
  for (i64 i = 0; i < ctx->opt.auxiliaries.len; i++)
    dyn(w, DT_AUXILIARY, ctx->dyn.auxiliary_offsets ? ctx->dyn.auxiliary_offsets[i] : 0);
  if (ctx->opt.audit)
    dyn(w, DT_AUDIT, ctx->dyn.audit_offset);
  if (ctx->opt.depaudit)
    dyn(w, DT_DEPAUDIT, ctx->dyn.depaudit_offset);
  Symbol *init = find_symbol(ctx, ctx->opt.init_symbol ? ctx->opt.init_symbol : "_init");
  Symbol *fini = find_symbol(ctx, ctx->opt.fini_symbol ? ctx->opt.fini_symbol : "_fini");
  if (init && symbol_is_defined(init) && !init->is_imported)
    dyn(w, DT_INIT, symbol_address(ctx, init));
  if (fini && symbol_is_defined(fini) && !fini->is_imported)
    dyn(w, DT_FINI, symbol_address(ctx, fini));
  Chunk *c;
  if ((c = find_output(ctx, ".preinit_array")))
    dyn(w, DT_PREINIT_ARRAY, c->shdr.sh_addr), dyn(w, DT_PREINIT_ARRAYSZ, c->shdr.sh_size);
  if ((c = find_output(ctx, ".init_array")))
    dyn(w, DT_INIT_ARRAY, c->shdr.sh_addr), dyn(w, DT_INIT_ARRAYSZ, c->shdr.sh_size);
  if ((c = find_output(ctx, ".fini_array")))
    dyn(w, DT_FINI_ARRAY, c->shdr.sh_addr), dyn(w, DT_FINI_ARRAYSZ, c->shdr.sh_size);
  if (ctx->gnu_hash)
    dyn(w, DT_GNU_HASH, ctx->gnu_hash->shdr.sh_addr);
  if (ctx->hash)
    dyn(w, DT_HASH, ctx->hash->shdr.sh_addr);
  dyn(w, DT_STRTAB, ctx->dynstr->shdr.sh_addr);
  dyn(w, DT_SYMTAB, ctx->dynsym->shdr.sh_addr);
  dyn(w, DT_STRSZ, ctx->dynstr->shdr.sh_size);
  dyn(w, DT_SYMENT, sizeof(Elf64_Sym));
  if (ctx->opt.kind != OUT_SHARED)
    dyn(w, DT_DEBUG, 0);
  dyn(w, DT_PLTGOT, ctx->gotplt->shdr.sh_addr);
  if (present(ctx->rela_iplt)) {
    dyn(w, DT_PLTRELSZ, ctx->rela_iplt->shdr.sh_size);
    dyn(w, DT_PLTREL, DT_RELA);
    dyn(w, DT_JMPREL, ctx->rela_iplt->shdr.sh_addr);
  }
  if (present(ctx->rela_dyn)) {
    dyn(w, DT_RELA, ctx->rela_dyn->shdr.sh_addr);
    dyn(w, DT_RELASZ, ctx->rela_dyn->shdr.sh_size);
    dyn(w, DT_RELAENT, sizeof(Elf64_Rela));
    if (ctx->nrelative)
      dyn(w, DT_RELACOUNT, (u64)ctx->nrelative);
  }
  /* Counted from nrelr, not the section size, which grows during layout. */
  if (ctx->relr && ctx->nrelr) {
    dyn(w, DT_RELR, ctx->relr->shdr.sh_addr);
    dyn(w, DT_RELRSZ, ctx->relr->shdr.sh_size);
    dyn(w, DT_RELRENT, 8);
  }
  if (ctx->has_textrel)
    dyn(w, DT_TEXTREL, 0);
  const Options *o = &ctx->opt;
  u64 flags = (o->z_now ? DF_BIND_NOW : 0) | (ctx->has_textrel ? DF_TEXTREL : 0) |
              /* DF_SYMBOLIC makes the loader search this object first for every name:
               * only right when nothing is meant to stay preemptible (a dynamic list
               * cancels -Bsymbolic: combine_dynamic_list_options). */
              (o->kind == OUT_SHARED && o->bsymbolic == BSYMBOLIC_ALL ? DF_SYMBOLIC : 0) |
              (o->z_origin ? DF_ORIGIN : 0) | (ctx->has_static_tls ? DF_STATIC_TLS : 0);
  if (flags)
    dyn(w, DT_FLAGS, flags);
  u64 flags1 = (o->z_now ? DF_1_NOW : 0) | (o->kind == OUT_PIE ? DF_1_PIE : 0) |
               (o->z_nodelete ? DF_1_NODELETE : 0) | (o->z_nodlopen ? DF_1_NOOPEN : 0) |
               (o->z_initfirst ? DF_1_INITFIRST : 0) | (o->z_interpose ? DF_1_INTERPOSE : 0) |
               (o->z_origin ? DF_1_ORIGIN : 0) | (o->bgroup ? DF_1_GROUP : 0) |
               (o->z_loadfltr ? DF_1_LOADFLTR : 0) | (o->z_nodefaultlib ? DF_1_NODEFLIB : 0) |
               (o->z_nodump ? DF_1_NODUMP : 0) | (o->z_globalaudit ? DF_1_GLOBAUDIT : 0);
  /* GNU extension: DT_GNU_FLAGS_1's DF_GNU_1_UNIQUE, "load at most once" (-z unique). */
  if (o->z_unique)
    dyn(w, DT_GNU_FLAGS_1, DF_GNU_1_UNIQUE);
  if (flags1)
    dyn(w, DT_FLAGS_1, flags1);
  if (present(ctx->verneed)) {
    dyn(w, DT_VERNEED, ctx->verneed->shdr.sh_addr);
    dyn(w, DT_VERNEEDNUM, ctx->verneed->shdr.sh_info);
  }
  if (present(ctx->verdef)) {
    dyn(w, DT_VERDEF, ctx->verdef->shdr.sh_addr);
    dyn(w, DT_VERDEFNUM, ctx->verdef->shdr.sh_info);
  }
  if (present(ctx->versym))
    dyn(w, DT_VERSYM, ctx->versym->shdr.sh_addr);
  for (i64 i = 0; i <= ctx->opt.spare_dynamic_tags; i++)
    dyn(w, DT_NULL, 0);
}

void size_dynamic_table(Ctx *ctx) {
  if (!ctx->dynamic)
    return;
  DynWriter w = {NULL, 0};
  walk_dynamic(ctx, &w);
  ctx->dynamic->shdr.sh_size = (u64)w.n * sizeof(Elf64_Dyn);
}

static void write_dynsym(Ctx *ctx) {
  Elf64_Sym *out = (Elf64_Sym *)(ctx->buf + ctx->dynsym->shdr.sh_offset);
  memset(out, 0, sizeof(Elf64_Sym));
  for (i64 i = 1; i < ctx->dynsyms.len; i++) {
    Symbol *sym = ctx->dynsyms.data[i];
    Elf64_Sym es = {.st_name = ctx->dyn.name_offsets[i]};
    u8 type = sym->type == STT_GNU_IFUNC && sym->is_imported ? STT_FUNC : sym->type;
    /* An undefined entry carries the binding of our references, not the definer's; a
     * copy is a definition, with the library's binding (GNU ld). */
    bool own = (symbol_is_defined(sym) && !sym->is_imported) || sym->has_copyrel;
    bool weak = own ? sym->binding == STB_WEAK : !sym->has_strong_ref;
    u8 bind = weak ? STB_WEAK : STB_GLOBAL;
    if (symbol_is_defined(sym) && !sym->is_imported && sym->binding == STB_GNU_UNIQUE)
      bind = STB_GNU_UNIQUE; /* the loader unifies these across modules */
    es.st_info = ELF64_ST_INFO(bind, type);
    es.st_other = sym->is_imported ? STV_DEFAULT : sym->visibility;
    es.st_size = sym->size;
    if (sym->has_copyrel) {
      /* Our copy is the definition now; its size must be the shared object's (the
       * loader copies st_size bytes of our entry's size). */
      Chunk *c = sym->copyrel_readonly ? ctx->copyrel_ro : ctx->copyrel;
      es.st_shndx = (u16)c->shndx;
      es.st_value = symbol_address(ctx, sym);
    } else if (sym->is_canonical) {
      /* Canonical PLT: undefined, but with the PLT entry as its address, so every
       * module's GLOB_DAT/64 relocation resolves to the same function pointer. */
      es.st_shndx = SHN_UNDEF;
      es.st_value = plt_entry_address(ctx, sym);
      es.st_size = 0;
    } else if (sym->is_imported || !symbol_is_defined(sym)) {
      es.st_shndx = SHN_UNDEF;
      es.st_size = 0;
    } else if (sym->type == STT_GNU_IFUNC && AUX(sym)->iplt_idx >= 0 && ctx->opt.kind == OUT_EXEC) {
      /* A non-PIE's IFUNC has its .iplt entry as its address everywhere: exported as
       * a plain function there (GNU ld), so libraries bind to the same pointer and the
       * loader runs no resolver of ours before we are relocated (PR 23169). */
      es.st_info = ELF64_ST_INFO(bind, STT_FUNC);
      es.st_shndx = (u16)ctx->iplt->shndx;
      es.st_value = symbol_address(ctx, sym);
      es.st_size = 0;
    } else {
      Chunk *c = sym->isec ? sym->isec->osec : sym->chunk;
      es.st_shndx = c && c->shndx ? (u16)c->shndx : SHN_ABS;
      u64 addr = symbol_definition_address(ctx, sym);
      es.st_value = sym->type == STT_TLS ? addr - ctx->tls_begin : addr;
    }
    memcpy(&out[i], &es, sizeof es);
  }
}

static void write_versions(Ctx *ctx) {
  if (present(ctx->versym)) {
    u8 *v = ctx->buf + ctx->versym->shdr.sh_offset;
    wr16(v, VER_NDX_LOCAL);
    for (i64 i = 1; i < ctx->dynsyms.len; i++)
      wr16(v + 2 * i, ctx->dynsyms.data[i]->ver_idx);
  }
  if (!present(ctx->verneed))
    return;
  u8 *p = ctx->buf + ctx->verneed->shdr.sh_offset;
  i64 files_left = ctx->verneed->shdr.sh_info;
  for (i64 d = 0; d < ctx->dsos.len; d++) {
    InputFile *dso = ctx->dsos.data[d];
    if (!dso->verneed_count)
      continue;
    files_left--;
    Elf64_Verneed vn = {.vn_version = 1,
                        .vn_cnt = (u16)dso->verneed_count,
                        .vn_file = ctx->dyn.needed_offsets[d],
                        .vn_aux = sizeof(Elf64_Verneed)};
    vn.vn_next =
        files_left ? (u32)(sizeof(Elf64_Verneed) + (u64)dso->verneed_count * sizeof(Elf64_Vernaux))
                   : 0;
    memcpy(p, &vn, sizeof vn);
    p += sizeof vn;
    i64 left = dso->verneed_count;
    for (i64 i = 0; i < ctx->dyn.verneeds.len; i++) {
      if (ctx->dyn.verneeds.data[i].dso != dso)
        continue;
      left--;
      Elf64_Vernaux va = {.vna_hash = sysv_hash(ctx->dyn.verneeds.data[i].name),
                          .vna_flags = 0,
                          .vna_other = ctx->dyn.verneeds.data[i].index,
                          .vna_name = ctx->dyn.vername_offsets[i],
                          .vna_next = left ? sizeof(Elf64_Vernaux) : 0};
      memcpy(p, &va, sizeof va);
      p += sizeof va;
    }
  }
}

static void write_hashes(Ctx *ctx) {
  i64 nsyms = ctx->dynsyms.len, symoff = ctx->gnu_hash_symoffset, nb = ctx->gnu_hash_nbuckets;
  if (ctx->gnu_hash) {
    u8 *p = ctx->buf + ctx->gnu_hash->shdr.sh_offset;
    i64 bloom = ctx->gnu_hash_bloom;
    u32 shift = 26;
    wr32(p, (u32)nb);
    wr32(p + 4, (u32)symoff);
    wr32(p + 8, (u32)bloom);
    wr32(p + 12, shift);
    u8 *bl = p + 16, *buckets = bl + 8 * bloom, *chains = buckets + 4 * nb;
    for (i64 i = symoff; i < nsyms; i++) {
      u32 h = ctx->dyn.gnu_hashes[i];
      i64 word = (h / 64) % (u64)bloom;
      u64 bits = rd64(bl + 8 * word) | (1ull << (h % 64)) | (1ull << ((h >> shift) % 64));
      wr64(bl + 8 * word, bits);
      u32 b = h % (u64)nb;
      if (!rd32(buckets + 4 * b))
        wr32(buckets + 4 * b, (u32)i);
      bool last = i + 1 == nsyms || ctx->dyn.gnu_hashes[i + 1] % (u64)nb != b;
      wr32(chains + 4 * (i - symoff), last ? (h | 1) : (h & ~1u));
    }
  }
  if (ctx->hash) {
    u8 *p = ctx->buf + ctx->hash->shdr.sh_offset;
    wr32(p, (u32)nb);
    wr32(p + 4, (u32)nsyms);
    u8 *buckets = p + 8, *chains = buckets + 4 * nb;
    for (i64 i = 1; i < nsyms; i++) {
      u32 b = sysv_hash(ctx->dyn.names[i]) % (u64)nb;
      wr32(chains + 4 * i, rd32(buckets + 4 * b));
      wr32(buckets + 4 * b, (u32)i);
    }
  }
}

void write_dynamic_sections(Ctx *ctx) {
  if (!ctx->is_dynamic)
    return;
  if (ctx->interp)
    memcpy(ctx->buf + ctx->interp->shdr.sh_offset, ctx->opt.dynamic_linker,
           strlen(ctx->opt.dynamic_linker) + 1);
  memcpy(ctx->buf + ctx->dynstr->shdr.sh_offset, ctx->dynstr_buf.data, (size_t)ctx->dynstr_buf.len);
  write_dynsym(ctx);
  write_versions(ctx);
  write_verdefs(ctx);
  write_hashes(ctx);
  DynWriter w = {(Elf64_Dyn *)(ctx->buf + ctx->dynamic->shdr.sh_offset), 0};
  walk_dynamic(ctx, &w);
}

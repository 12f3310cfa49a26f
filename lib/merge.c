/* SHF_MERGE sections: split into pieces (NUL-terminated strings, or fixed-size
 * constants of sh_entsize bytes), and keep one copy of each distinct piece per output
 * section (gABI: "the data in the section may be merged to eliminate duplication").
 * References into a piece are redirected to its kept copy. */
#include "rivet.h"

#include <stdlib.h>

typedef struct MergeKey {
  const char *name;
  u64 flags;
  u64 entsize;
  Chunk *chunk;
} MergeKey;

typedef VEC(MergeKey) MergeKeyVec;

/* A mergeable section with what decides its merged chunk, found on all threads. */
typedef struct Mergeable {
  InputSection *isec;
  const char *name; /* its output section's */
  u64 flags, entsize;
  i64 npieces;
  bool is_comment;
} Mergeable;

static Chunk *merged_chunk_for(Ctx *ctx, MergeKeyVec *keys, const Mergeable *m) {
  const char *name = m->name;
  u64 flags = m->flags, entsize = m->entsize;
  for (i64 i = 0; i < keys->len; i++) {
    MergeKey *k = &keys->data[i];
    if (k->flags == flags && k->entsize == entsize && !strcmp(k->name, name))
      return k->chunk;
  }
  Chunk *c = new_chunk(ctx, CK_MERGED, name, SHT_PROGBITS, flags, 1);
  c->merge_entsize = entsize;
  c->shdr.sh_entsize = entsize;
  MergeKey k = {name, flags, entsize, c};
  vec_push(keys, k);
  return c;
}

/* Where a piece first occurs: its section's place in input order, then its own. The
 * copy kept of each distinct piece is the one with the smallest. */
static u64 occurrence(i64 section_seq, i64 piece) {
  return (u64)section_seq << 32 | (u64)piece;
}

/* Finds or adds the piece in its output section's table. Lock-free: a new piece takes
 * an empty slot with a compare-and-swap, so sections are merged on all threads; the
 * first occurrence and the largest alignment are kept with atomic min and max. */
static MergeSlot *intern_piece(Ctx *ctx, Chunk *c, const u8 *data, u32 size, u32 p2align, u64 hash,
                               u64 where) {
  MergeSlot *_Atomic *table = c->table;
  u64 mask = (u64)c->table_cap - 1;
  MergeSlot *fresh = NULL;
  for (u64 h = hash & mask;; h = (h + 1) & mask) {
    MergeSlot *s = atomic_load_explicit(&table[h], memory_order_acquire);
    if (!s) {
      if (!fresh) {
        fresh = ARENA_NEW(local_arena(ctx), MergeSlot);
        fresh->data = data;
        fresh->size = size;
        fresh->hash = hash;
        atomic_init(&fresh->p2align, p2align);
        atomic_init(&fresh->first, where);
      }
      if (atomic_compare_exchange_strong_explicit(&table[h], &s, fresh, memory_order_acq_rel,
                                                  memory_order_acquire))
        return fresh;
    }
    if (s->hash != hash || s->size != size || memcmp(s->data, data, size))
      continue;
    u32 a = atomic_load_explicit(&s->p2align, memory_order_relaxed);
    while (a < p2align && !atomic_compare_exchange_weak(&s->p2align, &a, p2align))
      ;
    u64 f = atomic_load_explicit(&s->first, memory_order_relaxed);
    while (where < f && !atomic_compare_exchange_weak(&s->first, &f, where))
      ;
    return s;
  }
}

/* One past the all-zero entry that ends the string at off, or 0 if the section ends
 * first. Debug strings are most of a -g link's input bytes: memchr for 1-byte ones. */
static u64 string_end(const u8 *d, u64 off, u64 size, u64 entsize) {
  if (entsize == 1) {
    const u8 *nul = memchr(d + off, 0, size - off);
    return nul ? (u64)(nul - d) + 1 : 0;
  }
  for (u64 end = off; end + entsize <= size; end += entsize) {
    bool zero = true;
    for (u64 k = 0; k < entsize; k++)
      zero &= d[end + k] == 0;
    if (zero)
      return end + entsize;
  }
  return 0;
}

/* Cuts a section into pieces and hashes them: no shared state, so files are split
 * in parallel. On error the section keeps no pieces and an error is reported. */
static bool split_section(Ctx *ctx, InputSection *isec) {
  u64 entsize = isec->shdr->sh_entsize;
  const u8 *d = isec->contents;
  u64 size = isec->size;
  VEC(MergePiece) pieces = {0};
  if (size > UINT32_MAX) {
    error(ctx, "%s: section %s: mergeable sections of 4 GiB and more are not supported",
          isec->file->name, isec->name);
    return false;
  }
  /* Checked first: a larger entry would overflow the offset arithmetic below. */
  if (entsize > size) {
    error(ctx, "%s: section %s: entry size 0x%lx is larger than the section", isec->file->name,
          isec->name, (unsigned long)entsize);
    return false;
  }
  if (isec->flags & SHF_STRINGS) {
    u64 off = 0;
    while (off < size) {
      u64 end = string_end(d, off, size, entsize);
      if (!end) {
        error(ctx, "%s: section %s: string is not terminated", isec->file->name, isec->name);
        free(pieces.data);
        return false;
      }
      MergePiece p = {.in_offset = (u32)off, .size = (u32)(end - off)};
      vec_push(&pieces, p);
      off = end;
    }
  } else {
    if (size % entsize) {
      error(ctx, "%s: section %s: size is not a multiple of the entry size", isec->file->name,
            isec->name);
      return false;
    }
    for (u64 off = 0; off < size; off += entsize) {
      MergePiece p = {.in_offset = (u32)off, .size = (u32)entsize};
      vec_push(&pieces, p);
    }
  }
  for (i64 i = 0; i < pieces.len; i++)
    pieces.data[i].hash = hash_bytes(d + pieces.data[i].in_offset, pieces.data[i].size);
  isec->npieces = (u32)pieces.len;
  isec->pieces = ARENA_ARRAY(local_arena(ctx), MergePiece, pieces.len ? pieces.len : 1);
  if (pieces.len)
    memcpy(isec->pieces, pieces.data, sizeof(MergePiece) * (size_t)pieces.len);
  free(pieces.data);
  return true;
}

static bool is_mergeable(Ctx *ctx, const InputSection *isec) {
  if (!isec || !isec->is_alive || !(isec->flags & SHF_MERGE) || isec->type != SHT_PROGBITS ||
      isec->shdr->sh_entsize == 0 || isec->size == 0)
    return false;
  if (is_stripped_debug_section(ctx, isec))
    return false;
  return strcmp(isec->name, ".comment") || ctx->comment;
}

static void split_file_task(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[fi];
  for (i64 i = 0; i < f->nshdrs; i++)
    if (is_mergeable(ctx, f->sections[i]) && !split_section(ctx, f->sections[i]))
      return;
}

typedef VEC(Mergeable) MergeableList;

static void list_mergeable_task(Ctx *ctx, i64 fi, void *arg) {
  InputFile *f = ctx->objs.data[fi];
  MergeableList *out = &((MergeableList *)arg)[fi];
  for (i64 i = 0; i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (!is_mergeable(ctx, isec))
      continue;
    Mergeable m = {isec,
                   output_section_name(ctx, isec->name, isec->flags, isec->type),
                   isec->flags & (SHF_ALLOC | SHF_WRITE | SHF_MERGE | SHF_STRINGS),
                   isec->shdr->sh_entsize,
                   isec->npieces,
                   str_equal(isec->name, ".comment")};
    vec_push(out, m);
  }
}

/* The mergeable sections of the link, in input order, with their output sections. */
typedef struct MergeInputs {
  InputSection **isecs;
  Chunk **chunks;
  i64 n;
  i64 *nowned; /* per section: the distinct pieces it holds first; then where they go */
} MergeInputs;

enum { MERGE_BLOCK = 64 }; /* sections per work item */

static i64 merge_block_count(const MergeInputs *in) {
  return (in->n + MERGE_BLOCK - 1) / MERGE_BLOCK;
}

/* Only the first piece inherits the section's alignment guarantee; with fixed-size
 * entries every piece is aligned to min(entsize, section alignment). */
static void intern_pieces_task(Ctx *ctx, i64 b, void *arg) {
  MergeInputs *in = arg;
  for (i64 k = b * MERGE_BLOCK; k < MIN(in->n, (b + 1) * MERGE_BLOCK); k++) {
    InputSection *isec = in->isecs[k];
    for (i64 i = 0; i < isec->npieces; i++) {
      MergePiece *p = &isec->pieces[i];
      u32 p2 = isec->p2align;
      if (p->in_offset)
        p2 = MIN(p2, (u32)__builtin_ctzll(p->in_offset));
      p->slot = intern_piece(ctx, in->chunks[k], isec->contents + p->in_offset, p->size, p2,
                             p->hash, occurrence(k, i));
    }
    isec->osec = in->chunks[k];
  }
}

static void count_owned_pieces_task(Ctx *ctx, i64 b, void *arg) {
  (void)ctx;
  MergeInputs *in = arg;
  for (i64 k = b * MERGE_BLOCK; k < MIN(in->n, (b + 1) * MERGE_BLOCK); k++) {
    InputSection *isec = in->isecs[k];
    for (i64 i = 0; i < isec->npieces; i++)
      in->nowned[k] += atomic_load(&isec->pieces[i].slot->first) == occurrence(k, i);
  }
}

static void list_owned_pieces_task(Ctx *ctx, i64 b, void *arg) {
  (void)ctx;
  MergeInputs *in = arg;
  for (i64 k = b * MERGE_BLOCK; k < MIN(in->n, (b + 1) * MERGE_BLOCK); k++) {
    InputSection *isec = in->isecs[k];
    i64 at = in->nowned[k];
    for (i64 i = 0; i < isec->npieces; i++)
      if (atomic_load(&isec->pieces[i].slot->first) == occurrence(k, i))
        in->chunks[k]->slots.data[at++] = isec->pieces[i].slot;
  }
}

/* Distinct pieces are kept in the order they first occur in input order, whatever the
 * thread count: each section lists those it holds first, after the previous
 * sections' (a prefix sum per output section). */
void split_mergeable_sections(Ctx *ctx) {
  /* A section that failed to split has no pieces; the error stops the link at the
   * next checkpoint. */
  parallel_for(ctx, ctx->objs.len, split_file_task, NULL);
  MergeKeyVec keys = {0};
  VEC(InputSection *) isecs = {0};
  VEC(Chunk *) chunks = {0};
  VEC(Chunk *) outputs = {0};
  MergeableList *lists = calloc((size_t)MAX(ctx->objs.len, 1), sizeof(MergeableList));
  if (!lists)
    fatal(ctx, "out of memory");
  parallel_for(ctx, ctx->objs.len, list_mergeable_task, lists);
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    for (i64 k = 0; k < lists[fi].len; k++) {
      const Mergeable *m = &lists[fi].data[k];
      Chunk *c = m->is_comment ? ctx->comment : merged_chunk_for(ctx, &keys, m);
      bool listed = false;
      for (i64 k = 0; k < outputs.len && !listed; k++)
        listed = outputs.data[k] == c;
      if (!listed)
        vec_push(&outputs, c);
      c->table_cap += m->npieces; /* counted here, sized below */
      vec_push(&isecs, m->isec);
      vec_push(&chunks, c);
    }
    free(lists[fi].data);
  }
  free(lists);
  free(keys.data);
  for (i64 i = 0; i < outputs.len; i++) {
    Chunk *c = outputs.data[i];
    i64 cap = 64;
    while (cap < 2 * c->table_cap)
      cap *= 2;
    c->table_cap = cap;
    c->table = alloc_zeroed(cap * (i64)sizeof(MergeSlot *));
    if (!c->table)
      fatal(ctx, "out of memory");
  }
  MergeInputs in = {isecs.data, chunks.data, isecs.len,
                    calloc((size_t)MAX(isecs.len, 1), sizeof(i64))};
  if (!in.nowned)
    fatal(ctx, "out of memory");
  parallel_for(ctx, merge_block_count(&in), intern_pieces_task, &in);
  parallel_for(ctx, merge_block_count(&in), count_owned_pieces_task, &in);
  i64 *listed_before = calloc((size_t)MAX(outputs.len, 1), sizeof(i64));
  if (!listed_before)
    fatal(ctx, "out of memory");
  for (i64 i = 0; i < outputs.len; i++)
    listed_before[i] = outputs.data[i]->slots.len;
  for (i64 k = 0; k < in.n; k++) {
    Chunk *c = in.chunks[k];
    i64 n = in.nowned[k];
    in.nowned[k] = c->slots.len;
    c->slots.len += n;
  }
  /* The new slots are written by list_owned_pieces_task: their pages are first
   * touched there, on all threads. */
  for (i64 i = 0; i < outputs.len; i++) {
    Chunk *c = outputs.data[i];
    vec_grow_for_parallel_fill(&c->slots.data, listed_before[i], &c->slots.cap, c->slots.len,
                               sizeof(MergeSlot *));
  }
  free(listed_before);
  parallel_for(ctx, merge_block_count(&in), list_owned_pieces_task, &in);
  free(in.nowned);
  free(isecs.data);
  free(chunks.data);
  free(outputs.data);
}

/* Assigns each kept piece its offset in the merged chunk; called once, after all
 * sections are split, so offsets follow first-occurrence order. */
void layout_merged_chunk(Chunk *c) {
  u64 off = 0, max_align = 1;
  i64 run_weight = 0;
  c->write_runs.len = 0;
  for (i64 i = 0; i < c->slots.len; i++) {
    MergeSlot *s = c->slots.data[i];
    u64 align = (u64)1 << s->p2align;
    off = align_to(off, align);
    s->offset = off;
    off += s->size;
    max_align = MAX(max_align, align);
    cut_write_runs(c, i, c->slots.len, piece_write_weight(s), &run_weight);
  }
  c->shdr.sh_size = off;
  c->shdr.sh_addralign = max_align;
}

bool merge_piece_offset(const InputSection *isec, u64 offset, u64 *out) {
  /* The last piece that starts at or before offset (pieces are sorted and do not
   * overlap), by a binary search without branches on the data: every relocation of
   * debug info into .debug_str comes here, and their offsets are in no useful order. */
  const MergePiece *p = isec->pieces;
  for (i64 n = isec->npieces; n > 1;) {
    i64 half = n / 2;
    p = p[half].in_offset <= offset ? p + half : p;
    n -= half;
  }
  if (isec->npieces && offset >= p->in_offset && offset < (u64)p->in_offset + p->size) {
    *out = p->slot->offset + (offset - p->in_offset);
    return true;
  }
  /* One past the end of the section: keep it one past the end of the last piece. */
  if (isec->npieces && offset == isec->size) {
    const MergePiece *p = &isec->pieces[isec->npieces - 1];
    *out = p->slot->offset + p->size;
    return true;
  }
  return false;
}

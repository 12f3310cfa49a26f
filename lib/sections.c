/* Input sections go into output sections by name, the way GNU ld's default script
 * groups them (.text.* into .text, .rodata.* into .rodata, ...). Sections with other
 * names keep them ("orphans"), so __start_NAME/__stop_NAME can bracket them.
 * .init_array/.fini_array members are ordered by priority, then by input order. */
#include "rivet.h"

#include <fnmatch.h>
#include <stdlib.h>

typedef struct NameRule {
  const char *prefix; /* matches "prefix" and "prefix.*" */
  size_t len;         /* strlen(prefix) */
  const char *output;
} NameRule;

#define RULE(prefix, output)                                                                       \
  { prefix, sizeof(prefix) - 1, output }

static const NameRule name_rules[] = {
    RULE(".text", ".text"),
    RULE(".rodata", ".rodata"),
    RULE(".data.rel.ro", ".data.rel.ro"),
    RULE(".data", ".data"),
    RULE(".bss.rel.ro", ".bss.rel.ro"),
    RULE(".bss", ".bss"),
    RULE(".tdata", ".tdata"),
    RULE(".tbss", ".tbss"),
    RULE(".init_array", ".init_array"),
    RULE(".fini_array", ".fini_array"),
    RULE(".preinit_array", ".preinit_array"),
    RULE(".gcc_except_table", ".gcc_except_table"),
    RULE(".ldata", ".ldata"),
    RULE(".lrodata", ".lrodata"),
    RULE(".lbss", ".lbss"),
    RULE(".gnu.linkonce.t", ".text"),
    RULE(".gnu.linkonce.r", ".rodata"),
    RULE(".gnu.linkonce.d", ".data"),
    RULE(".gnu.linkonce.b", ".bss"),
    RULE(".sdata", ".data"),
    RULE(".sbss", ".bss"),
};

static bool matches_rule(const char *name, const NameRule *rule) {
  return name[1] == rule->prefix[1] && !strncmp(name, rule->prefix, rule->len) &&
         (name[rule->len] == 0 || name[rule->len] == '.');
}

/* -z keep-text-section-prefix (lld): code the compiler marked hot, unlikely, ... keeps
 * an output section of its own, so that the kinds stay together. */
static const char *const text_prefixes[] = {".text.hot",     ".text.unknown", ".text.unlikely",
                                            ".text.startup", ".text.exit",    ".text.split"};

const char *output_section_name(Ctx *ctx, const char *name, u64 flags, u32 type) {
  (void)type;
  if (!(flags & SHF_ALLOC) || name[0] != '.')
    return name; /* every rule's prefix starts with '.' */
  if (ctx->opt.z_keep_text_section_prefix && starts_with(name, ".text."))
    for (size_t i = 0; i < ARRAY_SIZE(text_prefixes); i++) {
      size_t n = strlen(text_prefixes[i]);
      if (!strncmp(name, text_prefixes[i], n) && (name[n] == 0 || name[n] == '.'))
        return text_prefixes[i];
    }
  /* .data.rel.ro must be tested before .data, .tbss/.tdata before .t*: the table is ordered. */
  for (i64 i = 0; i < ARRAY_SIZE(name_rules); i++)
    if (matches_rule(name, &name_rules[i]))
      return name_rules[i].output;
  return name;
}

u64 isec_address(Ctx *ctx, const InputSection *isec, u64 offset) {
  (void)ctx;
  if (!isec->osec)
    return 0; /* not in the output (stripped debug info) */
  if (isec->pieces) {
    u64 out;
    if (merge_piece_offset(isec, offset, &out))
      return isec->osec->shdr.sh_addr + out;
    return isec->osec->shdr.sh_addr;
  }
  if (isec->eh_records) {
    bool dropped;
    return isec->osec->shdr.sh_addr + isec->offset + eh_frame_output_offset(isec, offset, &dropped);
  }
  return isec->osec->shdr.sh_addr + isec->offset + offset;
}

/* GNU ld's default script excludes *crtbegin.o, *crtbegin?.o, *crtend.o, *crtend?.o. */
static bool is_crtbegin_or_crtend(const InputFile *f) {
  static const char *const stems[] = {"crtbegin", "crtend"};
  const char *base = strrchr(f->name, '/');
  base = base ? base + 1 : f->name;
  for (i64 i = 0; i < ARRAY_SIZE(stems); i++) {
    size_t k = strlen(stems[i]);
    const char *rest = base + k; /* ".o" or "?.o" */
    if (!strncmp(base, stems[i], k) &&
        (str_equal(rest, ".o") || (rest[0] && str_equal(rest + 1, ".o"))))
      return true;
  }
  return false;
}

typedef struct OsecKey {
  const char *name;
  u32 type;
  u64 flags;
  u32 info; /* SHF_GNU_MBIND: the memory policy; one output section per policy */
  u64 entsize; /* -r: SHF_MERGE inputs of one entry size only */
  Chunk *chunk;
} OsecKey;

static int compare_init_priority(const void *a, const void *b) {
  const InputSection *x = *(InputSection *const *)a, *y = *(InputSection *const *)b;
  if (x->init_priority != y->init_priority)
    return x->init_priority < y->init_priority ? -1 : 1;
  if (x->file->priority != y->file->priority)
    return x->file->priority < y->file->priority ? -1 : 1;
  return x->shndx < y->shndx ? -1 : x->shndx > y->shndx;
}

static int compare_input_order(const InputSection *x, const InputSection *y) {
  if (x->file->priority != y->file->priority)
    return x->file->priority < y->file->priority ? -1 : 1;
  return x->shndx < y->shndx ? -1 : x->shndx > y->shndx;
}

static int compare_by_name(const void *a, const void *b) {
  const InputSection *x = *(InputSection *const *)a, *y = *(InputSection *const *)b;
  int c = strcmp(x->name, y->name);
  return c ? c : compare_input_order(x, y);
}

static int compare_by_alignment(const void *a, const void *b) {
  const InputSection *x = *(InputSection *const *)a, *y = *(InputSection *const *)b;
  if (x->p2align != y->p2align)
    return x->p2align > y->p2align ? -1 : 1;
  return compare_input_order(x, y);
}

/* --sort-section=name|alignment: GNU ld sorts the sections its default script's
 * wildcards match; the sections its script orders otherwise (init and fini code and
 * arrays, constructors, .eh_frame) keep their order. */
static bool is_sorted_by_option(const Chunk *c) {
  const char *n = c->name;
  return (c->shdr.sh_flags & SHF_ALLOC) && c->shdr.sh_type != SHT_INIT_ARRAY &&
         c->shdr.sh_type != SHT_FINI_ARRAY && c->shdr.sh_type != SHT_PREINIT_ARRAY &&
         strcmp(n, ".init") && strcmp(n, ".fini") && strcmp(n, ".eh_frame") &&
         !starts_with(n, ".ctors") && !starts_with(n, ".dtors");
}

static u64 splitmix64(u64 *state) {
  u64 z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* --shuffle-sections=[GLOB=]SEED (lld, mold): the members whose names match GLOB (all
 * without one) trade places at random, the same way for the same seed; -1 reverses
 * them. For finding code that depends on the link order. */
static void shuffle_members(Ctx *ctx, Chunk *c) {
  for (i64 r = 0; r < ctx->opt.shuffles.len; r++) {
    const ShuffleRule *rule = &ctx->opt.shuffles.data[r];
    VEC(i64) at = {0};
    for (i64 i = 0; i < c->members.len; i++)
      if (!rule->glob || !fnmatch(rule->glob, c->members.data[i]->name, 0))
        vec_push(&at, i);
    u64 state = rule->seed ^ hash_string(c->name, (i64)strlen(c->name));
    for (i64 i = at.len - 1; i > 0; i--) {
      i64 j = rule->reverse ? at.len - 1 - i : (i64)(splitmix64(&state) % (u64)(i + 1));
      if (rule->reverse && j >= i)
        break;
      InputSection *t = c->members.data[at.data[i]];
      c->members.data[at.data[i]] = c->members.data[at.data[j]];
      c->members.data[at.data[j]] = t;
    }
    free(at.data);
  }
}

void cut_write_runs(Chunk *c, i64 k, i64 n, i64 weight, i64 *run_weight) {
  *run_weight += weight;
  if (*run_weight >= WRITE_TASK_BYTES || k + 1 == n) {
    vec_push(&c->write_runs, k + 1);
    *run_weight = 0;
  }
}

/* Offsets of an output section's members, in their order; its own alignment is the
 * largest. The runs of the write are cut here too, while each member is at hand: a
 * separate walk over a large link's hundred thousand members would be a serial pass
 * of cache misses. */
void assign_member_offsets(Chunk *c) {
  u64 off = 0;
  i64 run_weight = 0;
  c->write_runs.len = 0;
  for (i64 i = 0; i < c->members.len; i++) {
    InputSection *isec = c->members.data[i];
    u64 align = (u64)1 << isec->p2align;
    off = align_to(off, align);
    isec->offset = off;
    off += isec->size;
    if (align > c->shdr.sh_addralign)
      c->shdr.sh_addralign = align;
    cut_write_runs(c, i, c->members.len, member_write_weight(isec), &run_weight);
  }
  c->shdr.sh_size = off;
}

static void place_members_task(Ctx *ctx, i64 k, void *arg) {
  Chunk *c = ((OsecKey *)arg)[k].chunk;
  if (c->shdr.sh_type == SHT_INIT_ARRAY || c->shdr.sh_type == SHT_FINI_ARRAY ||
      c->shdr.sh_type == SHT_PREINIT_ARRAY)
    qsort(c->members.data, (size_t)c->members.len, sizeof(InputSection *), compare_init_priority);
  else if (ctx->opt.sort_section != SORT_SECTION_NONE && c->members.len > 1 &&
           is_sorted_by_option(c))
    qsort(c->members.data, (size_t)c->members.len, sizeof(InputSection *),
          ctx->opt.sort_section == SORT_SECTION_NAME ? compare_by_name : compare_by_alignment);
  if (ctx->opt.shuffles.len && is_sorted_by_option(c))
    shuffle_members(ctx, c);
  assign_member_offsets(c);
}

/* Where an input section goes: its output section's name, type and flags. */
typedef struct SectionPlace {
  const char *name;
  u32 type;
  u64 flags;
  u32 info;
  const InputSection *alone; /* --unique: the one input section of its output section */
  u64 entsize;               /* -r: sh_entsize of SHF_MERGE sections */
  u64 hash;                  /* place_hash, set before it is looked up or added */
} SectionPlace;

/* -S and -s drop debugging sections: DWARF, and the older STABS and .line (GNU ld). */
bool is_stripped_debug_section(Ctx *ctx, const InputSection *isec) {
  if (!(ctx->opt.strip_debug || ctx->opt.strip_all) || (isec->flags & SHF_ALLOC))
    return false;
  const char *n = isec->name;
  return starts_with(n, ".debug") || starts_with(n, ".zdebug") || starts_with(n, ".stab") ||
         str_equal(n, ".line") || starts_with(n, ".gnu.linkonce.wi.");
}

static bool is_binned(Ctx *ctx, const InputSection *isec) {
  if (!isec || !isec->is_alive || isec->pieces)
    return false;
  if (is_stripped_debug_section(ctx, isec))
    return false;
  /* --build-id: the output's own note replaces the inputs' (GNU ld, lld): a second
   * one would name a build that is not this one. */
  if (ctx->opt.build_id != BUILD_ID_NONE && isec->type == SHT_NOTE &&
      str_equal(isec->name, ".note.gnu.build-id"))
    return false;
  return true;
}

/* --zero-to-bss (mold): writable data of zeros alone, with no relocation to fill it. */
static bool is_zero_data(const InputSection *isec) {
  if (isec->type != SHT_PROGBITS || isec->nrels || !isec->size || !isec->contents ||
      (isec->flags & (SHF_EXECINSTR | SHF_TLS)) || !(isec->flags & SHF_WRITE))
    return false;
  for (u64 i = 0; i < isec->size; i++)
    if (isec->contents[i])
      return false;
  return true;
}

/* --unique (GNU ld): every input section matching a --unique=GLOB, or without a glob
 * every orphan, gets an output section of its own (of its own name). */
static bool is_unique(Ctx *ctx, const InputSection *isec) {
  const Options *o = &ctx->opt;
  if (!o->unique_orphans && !o->unique_sections.len)
    return false;
  if (isec->is_eh_frame)
    return false;
  for (i64 i = 0; i < o->unique_sections.len; i++)
    if (!fnmatch(o->unique_sections.data[i], isec->name, 0))
      return true;
  return o->unique_orphans && is_orphan_section_name(isec->name);
}

/* GCC's .eh_frame is SHT_PROGBITS, clang's SHT_X86_64_UNWIND (psABI): one output
 * section all the same, typed SHT_X86_64_UNWIND if any input is (GNU ld). */
static u32 eh_frame_key_type(const InputSection *isec) {
  return isec->type == SHT_X86_64_UNWIND && str_equal(isec->name, ".eh_frame") ? SHT_PROGBITS
                                                                               : isec->type;
}

static void type_eh_frame_chunk(Chunk *c) {
  for (i64 i = 0; i < c->members.len; i++)
    if (c->members.data[i]->type == SHT_X86_64_UNWIND)
      c->shdr.sh_type = SHT_X86_64_UNWIND;
}

/* -r: input sections meet by name, type and flags, as GNU ld's -r script gathers
 * whole names only (.text.hot stays .text.hot), and SHF_MERGE ones by entry size too:
 * the later link splits and merges them. A COMDAT group's member gets an output
 * section of its own, so that the group can still be dropped whole; an
 * SHF_LINK_ORDER section too, its link being one section. */
static SectionPlace relocatable_place_of(const InputSection *isec) {
  bool alone = (isec->shdr->sh_flags & SHF_GROUP) || (isec->flags & SHF_LINK_ORDER);
  u64 entsize = isec->flags & SHF_MERGE ? isec->shdr->sh_entsize : 0;
  /* A SECTIONS rule's output section takes whatever it names: its type and flags come
   * from its members once they are all in (relocatable.c). */
  if (isec->script_output && !alone)
    return (SectionPlace){isec->script_output, SHT_NULL, 0, 0, NULL, 0, 0};
  return (SectionPlace){
      isec->name, eh_frame_key_type(isec), isec->flags, 0, alone ? isec : NULL, entsize, 0};
}

static SectionPlace place_of(Ctx *ctx, InputSection *isec) {
  if (ctx->opt.relocatable)
    return relocatable_place_of(isec);
  const char *name = output_section_name(ctx, isec->name, isec->flags, isec->type);
  /* GNU ld's default script runs old-style .ctors/.dtors (but crtbegin's and
   * crtend's list markers) from .init_array/.fini_array, in input order with them. */
  if ((starts_with(name, ".ctors") || starts_with(name, ".dtors")) &&
      (name[6] == 0 || name[6] == '.') && !is_crtbegin_or_crtend(isec->file)) {
    name = name[1] == 'c' ? ".init_array" : ".fini_array";
    /* A .ctors list runs last to first, an .init_array first to last: GNU ld
     * copies its words in reverse (SEC_ELF_REVERSE_COPY). */
    isec->reverse_words = isec->size % 8 == 0 && isec->type != SHT_NOBITS;
  }
  if (ctx->opt.zero_to_bss && str_equal(name, ".data") && is_zero_data(isec)) {
    isec->type = SHT_NOBITS; /* --zero-to-bss: no file bytes for it */
    name = ".bss";
  }
  /* Old objects may use PROGBITS for init arrays; the output type follows the name. */
  u32 type = eh_frame_key_type(isec);
  if (str_equal(name, ".init_array"))
    type = SHT_INIT_ARRAY;
  else if (str_equal(name, ".fini_array"))
    type = SHT_FINI_ARRAY;
  else if (str_equal(name, ".preinit_array"))
    type = SHT_PREINIT_ARRAY;
  u64 flags = isec->flags & (SHF_ALLOC | SHF_WRITE | SHF_EXECINSTR | SHF_TLS | SHF_GNU_MBIND);
  u32 info = flags & SHF_GNU_MBIND ? isec->shdr->sh_info : 0;
  /* One .init_array (.fini_array, .preinit_array) whatever its inputs' flags: a
   * read-only input (a const array in a -fno-pic object) joins the writable
   * output section, as in GNU ld, and DT_INIT_ARRAY covers everything. */
  if (type == SHT_INIT_ARRAY || type == SHT_FINI_ARRAY || type == SHT_PREINIT_ARRAY)
    flags |= SHF_WRITE;
  /* An output section of its own keeps the input section's name, as an orphan does. */
  if (is_unique(ctx, isec))
    return (SectionPlace){isec->name, type, flags, info, isec, 0, 0};
  return (SectionPlace){name, type, flags, info, NULL, 0, 0};
}

static bool same_place(const SectionPlace *a, const SectionPlace *b) {
  return a->type == b->type && a->flags == b->flags && a->info == b->info && a->alone == b->alone &&
         a->entsize == b->entsize && (a->name == b->name || !strcmp(a->name, b->name));
}

/* One file's share of the binning: the distinct places of its sections in order of
 * first appearance, and for each binned section the index of its place. */
typedef struct FileBins {
  VEC(SectionPlace) places;
  VEC(i64) counts;       /* per place: how many of the file's sections go there */
  i32 *place_of_section; /* per section index; -1: not binned */
  Chunk **chunks;        /* per place, once places are merged */
  i64 *starts;           /* per place: where this file's members begin in chunk->members */
  i32 *entry;            /* per place: its index in its block's places */
} FileBins;

/* Distinct places by value, for finding one among thousands: -r keeps every section
 * name (and every COMDAT member alone), a final link has a few dozen. Open addressing
 * over indices into the caller's array of places, at most half full. */
typedef struct PlaceIndex {
  i32 *slots; /* index + 1; 0: empty */
  i64 cap, len;
} PlaceIndex;

static u64 place_hash(const SectionPlace *p) {
  u64 h = hash_string(p->name, (i64)strlen(p->name));
  h ^= ((u64)p->type * 0x9e3779b97f4a7c15ULL) ^ (p->flags * 0xbf58476d1ce4e5b9ULL);
  h ^= ((u64)p->info << 32) ^ (p->entsize * 0x94d049bb133111ebULL) ^ (u64)(uintptr_t)p->alone;
  return h ^ (h >> 31);
}

static void place_index_grow(PlaceIndex *ix, const SectionPlace *places) {
  i64 cap = ix->cap ? ix->cap * 2 : 64;
  i32 *slots = calloc((size_t)cap, sizeof(i32));
  if (!slots) {
    fprintf(stderr, "ld.rivet: out of memory\n");
    exit(1);
  }
  for (i64 i = 0; i < ix->cap; i++)
    if (ix->slots[i])
      for (u64 h = places[ix->slots[i] - 1].hash & (u64)(cap - 1);; h = (h + 1) & (u64)(cap - 1))
        if (!slots[h]) {
          slots[h] = ix->slots[i];
          break;
        }
  free(ix->slots);
  ix->slots = slots;
  ix->cap = cap;
}

/* The index of p among places[0, n), adding it as index n when absent (the caller
 * appends it then): returns the index and sets *added. An input section alone is a
 * place no other equals: always added, never indexed. Each place's hash is computed
 * once, where its file's places are found (on all threads), not in the serial merge. */
static i64 place_index_find_or_add(PlaceIndex *ix, const SectionPlace *places, i64 n,
                                   const SectionPlace *p, bool *added) {
  *added = true;
  if (p->alone)
    return n;
  if (2 * (ix->len + 1) > ix->cap)
    place_index_grow(ix, places);
  u64 mask = (u64)ix->cap - 1;
  for (u64 h = p->hash & mask;; h = (h + 1) & mask) {
    i32 at = ix->slots[h];
    if (!at) {
      ix->slots[h] = (i32)(n + 1);
      ix->len++;
      return n;
    }
    if (same_place(&places[at - 1], p)) {
      *added = false;
      return at - 1;
    }
  }
}

static void find_file_places_task(Ctx *ctx, i64 fi, void *arg) {
  InputFile *f = ctx->objs.data[fi];
  FileBins *b = &((FileBins *)arg)[fi];
  b->place_of_section = ARENA_ARRAY(local_arena(ctx), i32, MAX(f->nshdrs, 1));
  i64 last = 0;
  PlaceIndex index = {0};
  for (i64 i = 0; i < f->nshdrs; i++) {
    InputSection *isec = f->sections ? f->sections[i] : NULL;
    b->place_of_section[i] = -1;
    if (!is_binned(ctx, isec))
      continue;
    SectionPlace p = place_of(ctx, isec);
    /* Neighbouring sections mostly go to the same output section: try it first. */
    i64 k = last;
    bool added = false;
    if (k >= b->places.len || !same_place(&b->places.data[k], &p)) {
      p.hash = p.alone ? 0 : place_hash(&p);
      k = place_index_find_or_add(&index, b->places.data, b->places.len, &p, &added);
    }
    if (added) {
      vec_push(&b->places, p);
      vec_push(&b->counts, 0);
    }
    b->counts.data[k]++;
    b->place_of_section[i] = (i32)k;
    last = k;
  }
  free(index.slots);
}

static void fill_file_members_task(Ctx *ctx, i64 fi, void *arg) {
  InputFile *f = ctx->objs.data[fi];
  FileBins *b = &((FileBins *)arg)[fi];
  for (i64 i = 0; i < f->nshdrs; i++) {
    i32 k = b->place_of_section[i];
    if (k < 0)
      continue;
    InputSection *isec = f->sections[i];
    isec->osec = b->chunks[k];
    isec->osec->members.data[b->starts[k]++] = isec;
  }
}

/* The distinct places of a block of files, in order of first appearance: merged in
 * block order, they meet each output section once per block, where a merge of the
 * files' lists would meet it once per file. */
enum { BIN_FILE_BLOCK = 32 };

typedef struct BlockPlaces {
  VEC(SectionPlace) places;
  Chunk **chunks; /* per place, once merged */
} BlockPlaces;

typedef struct BinJob {
  FileBins *bins;
  BlockPlaces *blocks;
  i64 nfiles;
} BinJob;

static void list_block_places_task(Ctx *ctx, i64 bi, void *arg) {
  BinJob *job = arg;
  BlockPlaces *block = &job->blocks[bi];
  PlaceIndex index = {0};
  for (i64 fi = bi * BIN_FILE_BLOCK; fi < MIN(job->nfiles, (bi + 1) * BIN_FILE_BLOCK); fi++) {
    FileBins *b = &job->bins[fi];
    i64 n = MAX(b->places.len, 1);
    b->chunks = ARENA_ARRAY(local_arena(ctx), Chunk *, n);
    b->starts = ARENA_ARRAY(local_arena(ctx), i64, n);
    b->entry = ARENA_ARRAY(local_arena(ctx), i32, n);
    for (i64 k = 0; k < b->places.len; k++) {
      bool added;
      SectionPlace *p = &b->places.data[k];
      i64 at = place_index_find_or_add(&index, block->places.data, block->places.len, p, &added);
      if (added)
        vec_push(&block->places, *p);
      b->entry[k] = (i32)at;
    }
  }
  free(index.slots);
  block->chunks = ARENA_ARRAY(local_arena(ctx), Chunk *, MAX(block->places.len, 1));
}

static void map_block_places_task(Ctx *ctx, i64 bi, void *arg) {
  (void)ctx;
  BinJob *job = arg;
  BlockPlaces *block = &job->blocks[bi];
  for (i64 fi = bi * BIN_FILE_BLOCK; fi < MIN(job->nfiles, (bi + 1) * BIN_FILE_BLOCK); fi++) {
    FileBins *b = &job->bins[fi];
    for (i64 k = 0; k < b->places.len; k++)
      b->chunks[k] = block->chunks[b->entry[k]];
  }
  free(block->places.data);
}

/* Input sections into output sections, in input order. The places of each file's
 * sections are found on all threads; output sections are created serially, in the
 * order their first member appears, so their order does not depend on threads. */
void bin_input_sections(Ctx *ctx) {
  VEC(OsecKey) keys = {0};
  i64 nfiles = ctx->objs.len;
  i64 nblocks = (nfiles + BIN_FILE_BLOCK - 1) / BIN_FILE_BLOCK;
  FileBins *bins = calloc((size_t)MAX(nfiles, 1), sizeof(FileBins));
  BinJob job = {bins, calloc((size_t)MAX(nblocks, 1), sizeof(BlockPlaces)), nfiles};
  if (!bins || !job.blocks)
    fatal(ctx, "out of memory");
  parallel_for(ctx, nfiles, find_file_places_task, bins);
  parallel_for(ctx, nblocks, list_block_places_task, &job);
  VEC(SectionPlace) key_places = {0}; /* keys[k]'s place, for the index */
  PlaceIndex index = {0};
  for (i64 bi = 0; bi < nblocks; bi++) {
    BlockPlaces *block = &job.blocks[bi];
    for (i64 e = 0; e < block->places.len; e++) {
      SectionPlace *p = &block->places.data[e];
      bool added;
      i64 at = place_index_find_or_add(&index, key_places.data, key_places.len, p, &added);
      if (added) {
        /* GNU ld starts each SHF_GNU_MBIND output section on a common page. */
        Chunk *c = new_chunk(ctx, CK_OSEC, p->name, p->type, p->flags,
                             p->flags & SHF_GNU_MBIND ? ctx->opt.common_page_size : 1);
        c->shdr.sh_info = p->info;
        c->shdr.sh_entsize = p->entsize;
        c->alone = p->alone != NULL;
        ctx->has_gnu_extensions |= (p->flags & SHF_GNU_MBIND) != 0; /* ELFOSABI_GNU, as GNU ld */
        vec_push(&keys, ((OsecKey){p->name, p->type, p->flags, p->info, p->entsize, c}));
        vec_push(&key_places, *p);
      }
      block->chunks[e] = keys.data[at].chunk;
    }
  }
  free(index.slots);
  free(key_places.data);
  parallel_for(ctx, nblocks, map_block_places_task, &job);
  free(job.blocks);
  /* Each file's members of an output section follow the previous files' ones. */
  for (i64 fi = 0; fi < nfiles; fi++)
    for (i64 k = 0; k < bins[fi].places.len; k++)
      bins[fi].chunks[k]->members.len += bins[fi].counts.data[k];
  /* The member arrays are written by fill_file_members_task: first touched there, on
   * all threads. */
  for (i64 k = 0; k < keys.len; k++) {
    Chunk *c = keys.data[k].chunk;
    i64 n = c->members.len;
    c->members.len = 0;
    vec_grow_for_parallel_fill(&c->members.data, 0, &c->members.cap, n, sizeof(InputSection *));
  }
  for (i64 fi = 0; fi < nfiles; fi++)
    for (i64 k = 0; k < bins[fi].places.len; k++) {
      bins[fi].starts[k] = bins[fi].chunks[k]->members.len;
      bins[fi].chunks[k]->members.len += bins[fi].counts.data[k];
    }
  parallel_for(ctx, nfiles, fill_file_members_task, bins);
  for (i64 fi = 0; fi < nfiles; fi++) {
    free(bins[fi].places.data);
    free(bins[fi].counts.data);
  }
  free(bins);
  /* COMMON symbols, given sections by convert_common_symbols, go at the end of .bss. */
  for (i64 i = 0; i < ctx->common_sections.len; i++) {
    InputSection *isec = ctx->common_sections.data[i];
    Chunk *chunk = NULL;
    for (i64 k = 0; k < keys.len; k++)
      if (keys.data[k].type == SHT_NOBITS && !strcmp(keys.data[k].name, ".bss") &&
          keys.data[k].flags == (SHF_ALLOC | SHF_WRITE))
        chunk = keys.data[k].chunk;
    if (!chunk) {
      chunk = new_chunk(ctx, CK_OSEC, ".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 1);
      OsecKey key = {".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 0, 0, chunk};
      vec_push(&keys, key);
    }
    isec->osec = chunk;
    vec_push(&chunk->members, isec);
  }
  parallel_for(ctx, keys.len, place_members_task, keys.data);
  for (i64 k = 0; k < keys.len; k++) {
    Chunk *c = keys.data[k].chunk;
    if (c->members.len && str_equal(c->name, ".eh_frame")) {
      ctx->eh_frame = c;
      type_eh_frame_chunk(c);
    }
    /* -N: GNU ld clears the read-only attribute of the output section named .text,
     * and of no other (GNU ld's lang_process, config.text_read_only). */
    if (ctx->opt.magic == MAGIC_OMAGIC && str_equal(c->name, ".text"))
      c->shdr.sh_flags |= SHF_WRITE;
  }
  free(keys.data);
}

/* --icf: identical code folding. Two input sections whose flags, contents and
 * relocations are the same, and whose relocations reach the same places, are one
 * section: the first in input order is kept and the others are dropped, their
 * symbols moved onto the kept copy at the same offsets (lld's --icf; gold did it first).
 *
 * "Reach the same places" is circular (two functions that call each other can still
 * be identical), so sections are sorted into equivalence classes that start coarse and
 * are split until no class splits any more: first by a hash of contents and of the
 * classes their relocations reach, then by exact comparison of contents and
 * relocation shapes, then repeatedly by the classes of the sections their relocations
 * reach. What is left together at the fixpoint is identical. Every round reads the
 * classes of one slot and writes the other, so the classes do not depend on which
 * thread splits which class, nor on the thread count.
 *
 * Eligible: live, allocated, read-only (or .data.rel.ro) PROGBITS sections that are
 * not SHF_LINK_ORDER, TLS, init/fini code or arrays, nor named like a C identifier
 * (__start_/__stop_ may enumerate those). SHF_MERGE sections that merge.c cuts into
 * pieces are not folded whole: a reference into one is compared by the piece it
 * reaches, which merging keeps once. A function whose FDE has an LSDA is kept
 * apart (two identical bodies may catch different exceptions). Address-significant
 * sections are kept apart too: under --icf=safe any section holding a symbol whose
 * address is taken, under --icf=all only data; a symbol is address-significant when
 * it is exported, listed in its object's .llvm_addrsig table, or comes from an object
 * without one (lld's rules). */
#include "rivet.h"

#include <stdlib.h>

#ifndef SHT_LLVM_ADDRSIG
#define SHT_LLVM_ADDRSIG 0x6fff4c03
#endif

enum {
  KEEP_UNIQUE = UINT32_MAX, /* class slot 0 before classes are numbered: not foldable */
  CLASS_HASHED = 1u << 31,  /* set in hash classes, clear in numbered ones */
};

typedef VEC(InputSection *) SectionVec;

/* Will merge.c cut it into pieces? Then references to it are compared by piece. */
static bool is_split_by_merge(const InputSection *isec) {
  return (isec->flags & SHF_MERGE) && isec->type == SHT_PROGBITS && isec->shdr &&
         isec->shdr->sh_entsize && isec->size;
}

static bool is_eligible(const InputSection *isec) {
  if (!isec->is_alive || !(isec->flags & SHF_ALLOC) || isec->type != SHT_PROGBITS ||
      !isec->contents || is_split_by_merge(isec) || str_equal(isec->name, ".eh_frame"))
    return false;
  /* .data.rel.ro is written only by the loader's relocations: read-only to the program. */
  if ((isec->flags & SHF_WRITE) && strcmp(isec->name, ".data.rel.ro") &&
      !starts_with(isec->name, ".data.rel.ro."))
    return false;
  /* A SHF_LINK_ORDER section goes with the section it describes. */
  if (isec->flags & (SHF_LINK_ORDER | SHF_TLS))
    return false;
  const char *n = isec->name;
  if (str_equal(n, ".init") || str_equal(n, ".fini") || starts_with(n, ".init_array") ||
      starts_with(n, ".fini_array") || starts_with(n, ".preinit_array") ||
      starts_with(n, ".ctors") || starts_with(n, ".dtors"))
    return false;
  return !is_c_identifier(n);
}

/* ---- Which sections must keep their own address ---- */

typedef struct KeepLists {
  SectionVec *foreign; /* per file: sections of other files it marks */
} KeepLists;

static void keep_unique(InputFile *f, SectionVec *foreign, InputSection *isec) {
  if (!is_eligible(isec))
    return;
  if (isec->file == f)
    isec->icf_class[0] = KEEP_UNIQUE;
  else if (!foreign->len || foreign->data[foreign->len - 1] != isec)
    vec_push(foreign, isec);
}

static void mark_address_significant(Ctx *ctx, InputFile *f, SectionVec *foreign, Symbol *sym) {
  if (!sym || !sym->isec)
    return;
  /* Under --icf=all code may lose its unique address; data only with
   * --ignore-data-address-equality (lld). */
  if (ctx->opt.icf == ICF_SAFE ||
      (!(sym->isec->flags & SHF_EXECINSTR) && !ctx->opt.ignore_data_address_equality))
    keep_unique(f, foreign, sym->isec);
}

/* The object's address-significance table (clang -faddrsig): ULEB128 symbol indices.
 * objcopy and ld -r renumber symbols without updating it; they leave sh_link 0, and
 * then the table says nothing (lld ignores it too). */
static const u8 *addrsig_table(Ctx *ctx, InputFile *f, u64 *size) {
  for (i64 i = 0; i < f->nshdrs; i++) {
    const EShdr *sh = &f->shdrs[i];
    if (sh->sh_type != SHT_LLVM_ADDRSIG)
      continue;
    if (sh->sh_link == 0) {
      if (ctx->opt.icf == ICF_SAFE)
        warn(ctx,
             "%s: --icf=safe: address-significance table (section %ld) has sh_link 0, as "
             "objcopy and ld -r leave it: ignored, every symbol of the file counts as "
             "address-significant",
             f->name, (long)i);
      return NULL;
    }
    if (sh->sh_offset > (u64)f->mf->size || sh->sh_size > (u64)f->mf->size - sh->sh_offset)
      return NULL;
    *size = sh->sh_size;
    return f->mf->data + sh->sh_offset;
  }
  return NULL;
}

/* An FDE with an LSDA (a relocation after the one naming its function). */
static void keep_function_with_lsda(InputSection *eh, i64 first, i64 end, u64 cie_off, void *arg) {
  (void)cie_off;
  InputFile *f = eh->file;
  Symbol *fn = f->syms[ELF64_R_SYM(eh->rels[first].r_info)];
  if (end - first >= 2 && fn && fn->isec)
    keep_unique(f, arg, fn->isec);
}

static void find_unique_sections_task(Ctx *ctx, i64 fi, void *arg) {
  InputFile *f = ctx->objs.data[fi];
  SectionVec *foreign = &((KeepLists *)arg)->foreign[fi];
  if (!f->syms)
    return;
  for (i64 i = f->first_global; i < f->nsyms; i++)
    if (f->syms[i] && f->syms[i]->file == f && f->syms[i]->is_exported)
      mark_address_significant(ctx, f, foreign, f->syms[i]);
  u64 size;
  const u8 *p = addrsig_table(ctx, f, &size);
  if (p) {
    const u8 *end = p + size;
    while (p < end) {
      u64 idx = 0;
      for (int shift = 0; p < end; shift += 7) {
        u8 b = *p++;
        if (shift < 64)
          idx |= (u64)(b & 0x7f) << shift;
        if (!(b & 0x80))
          break;
      }
      if (idx < (u64)f->nsyms)
        mark_address_significant(ctx, f, foreign, f->syms[idx]);
    }
  } else {
    for (i64 i = 0; i < f->nsyms; i++)
      mark_address_significant(ctx, f, foreign, f->syms[i]);
  }
  for (i64 i = 0; f->sections && i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (isec && isec->is_alive && str_equal(isec->name, ".eh_frame") && isec->contents)
      for_each_fde(isec, keep_function_with_lsda, foreign);
  }
}

/* ---- Numbering: candidates in input order, every other section a class of its own ---- */

typedef struct Numbering {
  i64 *ncandidates, *nothers; /* per file; then where each file's run starts */
  InputSection **candidates;
} Numbering;

static bool is_candidate(const InputSection *isec) {
  return isec->icf_class[0] != KEEP_UNIQUE && is_eligible(isec);
}

static void count_candidates_task(Ctx *ctx, i64 fi, void *arg) {
  Numbering *nb = arg;
  InputFile *f = ctx->objs.data[fi];
  for (i64 i = 0; f->sections && i < f->nshdrs; i++)
    if (f->sections[i]) {
      if (is_candidate(f->sections[i]))
        nb->ncandidates[fi]++;
      else
        nb->nothers[fi]++;
    }
}

static void number_sections_task(Ctx *ctx, i64 fi, void *arg) {
  Numbering *nb = arg;
  InputFile *f = ctx->objs.data[fi];
  i64 c = nb->ncandidates[fi], u = nb->nothers[fi];
  for (i64 i = 0; f->sections && i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (!isec)
      continue;
    if (is_candidate(isec)) {
      nb->candidates[c++] = isec;
    } else {
      /* 1, 2, ...: 0 stays "never equal" for sections outside every file's table */
      isec->icf_class[0] = isec->icf_class[1] = (u32)(1 + u++);
    }
  }
}

/* ---- Hash classes ---- */

typedef struct Candidates {
  InputSection **secs;
  i64 n;
  u32 base;  /* numbered classes are base + an index: above every single's class */
  int round; /* hash rounds: read slot round % 2, write the other */
} Candidates;

enum { BLOCK = 256 }; /* candidates per work item */

static i64 block_count(i64 n) {
  return (n + BLOCK - 1) / BLOCK;
}

static void hash_contents_task(Ctx *ctx, i64 b, void *arg) {
  (void)ctx;
  Candidates *c = arg;
  for (i64 k = b * BLOCK; k < MIN(c->n, (b + 1) * BLOCK); k++) {
    InputSection *isec = c->secs[k];
    u64 h = hash_bytes(isec->contents, (i64)isec->size);
    h ^= (isec->flags * 0x9e3779b97f4a7c15ull) ^ ((u64)isec->nrels << 17);
    isec->icf_class[0] = (u32)(h ^ (h >> 32)) | CLASS_HASHED;
  }
}

/* Adds the classes its relocations reach to a section's hash: sections that reach
 * different classes can never be equal, and a cheap hash splits most of them. */
static void hash_targets_task(Ctx *ctx, i64 b, void *arg) {
  (void)ctx;
  Candidates *c = arg;
  int cur = c->round % 2;
  for (i64 k = b * BLOCK; k < MIN(c->n, (b + 1) * BLOCK); k++) {
    InputSection *isec = c->secs[k];
    u32 h = isec->icf_class[cur];
    for (i64 r = 0; r < isec->nrels; r++) {
      Symbol *sym = isec->file->syms[ELF64_R_SYM(isec->rels[r].r_info)];
      if (sym && sym->isec && !is_split_by_merge(sym->isec))
        h += sym->isec->icf_class[cur];
    }
    isec->icf_class[cur ^ 1] = h | CLASS_HASHED;
  }
}

/* Stable: sections of one hash stay in input order, so a class's first section is
 * its first in input order, the one kept. Two 16-bit radix passes. */
static void sort_by_class(Ctx *ctx, InputSection **secs, i64 n) {
  InputSection **tmp = malloc(sizeof(InputSection *) * (size_t)MAX(n, 1));
  i64 *count = malloc(sizeof(i64) * 65536);
  if (!tmp || !count)
    fatal(ctx, "out of memory");
  for (int shift = 0; shift < 32; shift += 16) {
    memset(count, 0, sizeof(i64) * 65536);
    for (i64 i = 0; i < n; i++)
      count[(secs[i]->icf_class[0] >> shift) & 0xffff]++;
    counts_to_starts(count, 65536, 0);
    for (i64 i = 0; i < n; i++)
      tmp[count[(secs[i]->icf_class[0] >> shift) & 0xffff]++] = secs[i];
    memcpy(secs, tmp, sizeof(InputSection *) * (size_t)n);
  }
  free(tmp);
  free(count);
}

/* ---- Exact comparison ---- */

/* The piece of a mergeable section that holds offset pos: [*start, *end). */
static bool merge_piece_at(const InputSection *isec, u64 pos, u64 *start, u64 *end) {
  u64 e = isec->shdr->sh_entsize;
  if (pos >= isec->size)
    return false;
  u64 s = pos - pos % e;
  if (!(isec->flags & SHF_STRINGS)) {
    if (s + e > isec->size)
      return false;
    *start = s;
    *end = s + e;
    return true;
  }
  const u8 *d = isec->contents;
  bool zero;
  for (; s >= e; s -= e) {
    zero = true;
    for (u64 k = 0; k < e; k++)
      zero &= d[s - e + k] == 0;
    if (zero)
      break;
  }
  u64 t = pos - pos % e;
  for (;; t += e) {
    if (t + e > isec->size)
      return false;
    zero = true;
    for (u64 k = 0; k < e; k++)
      zero &= d[t + k] == 0;
    if (zero)
      break;
  }
  *start = s;
  *end = t + e;
  return true;
}

/* Do two references into mergeable sections land on the same byte of the merged
 * output? Same output section and the same piece contents, at the same offset in it. */
static bool same_merged_place(Ctx *ctx, const Symbol *sa, i64 add_a, const Symbol *sb, i64 add_b) {
  const InputSection *x = sa->isec, *y = sb->isec;
  u64 mask = SHF_ALLOC | SHF_WRITE | SHF_MERGE | SHF_STRINGS;
  if ((x->flags & mask) != (y->flags & mask) || x->shdr->sh_entsize != y->shdr->sh_entsize ||
      strcmp(output_section_name(ctx, x->name, x->flags, x->type),
             output_section_name(ctx, y->name, y->flags, y->type)))
    return false;
  /* A section symbol's addend picks the piece; a named symbol's is added after. */
  bool sec_a = sa->type == STT_SECTION, sec_b = sb->type == STT_SECTION;
  u64 pos_a = sa->value + (sec_a ? (u64)add_a : 0), pos_b = sb->value + (sec_b ? (u64)add_b : 0);
  i64 after_a = sec_a ? 0 : add_a, after_b = sec_b ? 0 : add_b;
  u64 s_a, e_a, s_b, e_b;
  if (!merge_piece_at(x, pos_a, &s_a, &e_a) || !merge_piece_at(y, pos_b, &s_b, &e_b))
    return false;
  return pos_a - s_a + (u64)after_a == pos_b - s_b + (u64)after_b && e_a - s_a == e_b - s_b &&
         !memcmp(x->contents + s_a, y->contents + s_b, e_a - s_a);
}

/* A definition that stays where it is: in one of our sections, or absolute. Linker-
 * defined symbols get their values later; a preemptible one may be another's at run
 * time; an undefined one or a library's is known only by name. */
static bool is_fixed_definition(const Symbol *s) {
  return (s->isec || s->is_abs) && !s->is_defined_by_linker && !s->chunk && !s->is_imported &&
         !s->is_preemptible && s->file && s->file->kind == FILE_OBJ;
}

/* Everything but the classes of relocation targets. */
static bool equal_constant(Ctx *ctx, const InputSection *a, const InputSection *b) {
  if (a->flags != b->flags || a->size != b->size || a->type != b->type || a->nrels != b->nrels ||
      memcmp(a->contents, b->contents, a->size))
    return false;
  if (a->name != b->name && strcmp(a->name, b->name) &&
      strcmp(output_section_name(ctx, a->name, a->flags, a->type),
             output_section_name(ctx, b->name, b->flags, b->type)))
    return false;
  for (i64 k = 0; k < a->nrels; k++) {
    const ERela *ra = &a->rels[k], *rb = &b->rels[k];
    if (ra->r_offset != rb->r_offset || ELF64_R_TYPE(ra->r_info) != ELF64_R_TYPE(rb->r_info))
      return false;
    Symbol *sa = a->file->syms[ELF64_R_SYM(ra->r_info)];
    Symbol *sb = b->file->syms[ELF64_R_SYM(rb->r_info)];
    if (sa == sb) {
      if (ra->r_addend == rb->r_addend)
        continue;
      return false;
    }
    if (!sa || !sb || !is_fixed_definition(sa) || !is_fixed_definition(sb))
      return false;
    if (!sa->isec || !sb->isec) {
      if (!sa->isec && !sb->isec && sa->value + (u64)ra->r_addend == sb->value + (u64)rb->r_addend)
        continue;
      return false;
    }
    bool merge_a = is_split_by_merge(sa->isec), merge_b = is_split_by_merge(sb->isec);
    if (merge_a != merge_b)
      return false;
    if (merge_a ? !same_merged_place(ctx, sa, ra->r_addend, sb, rb->r_addend)
                : sa->value + (u64)ra->r_addend != sb->value + (u64)rb->r_addend)
      return false;
  }
  return true;
}

/* The classes of the sections the relocations reach (the rest is equal already). */
static bool equal_variable(const InputSection *a, const InputSection *b, int cur) {
  for (i64 k = 0; k < a->nrels; k++) {
    Symbol *sa = a->file->syms[ELF64_R_SYM(a->rels[k].r_info)];
    Symbol *sb = b->file->syms[ELF64_R_SYM(b->rels[k].r_info)];
    if (sa == sb || !sa->isec || sa->isec == sb->isec || is_split_by_merge(sa->isec))
      continue;
    u32 ca = sa->isec->icf_class[cur];
    if (ca == 0 || ca != sb->isec->icf_class[cur])
      return false;
  }
  return true;
}

/* ---- Splitting classes to the fixpoint ---- */

typedef struct Refine {
  Candidates *c;
  i64 *bounds; /* nshards + 1 shard limits, each at a class boundary */
  i64 nshards;
  int cur;       /* classes are read from this slot, written to the other */
  bool constant; /* the first round compares contents, the others targets */
  atomic_bool split;
} Refine;

static i64 class_end(InputSection **secs, i64 begin, i64 n, int cur) {
  u32 cls = secs[begin]->icf_class[cur];
  i64 i = begin + 1;
  while (i < n && secs[i]->icf_class[cur] == cls)
    i++;
  return i;
}

/* Splits [begin, end) into runs of equal sections, each keeping its input order (a
 * stable partition around the run's first section), and gives each run the class
 * base + the index where it ends, unique among all runs. */
static void split_class(Ctx *ctx, Refine *rf, i64 begin, i64 end, SectionVec *rest) {
  InputSection **secs = rf->c->secs;
  while (begin < end) {
    i64 mid = begin + 1;
    rest->len = 0;
    for (i64 i = begin + 1; i < end; i++) {
      bool eq = rf->constant ? equal_constant(ctx, secs[begin], secs[i])
                             : equal_variable(secs[begin], secs[i], rf->cur);
      if (eq)
        secs[mid++] = secs[i];
      else
        vec_push(rest, secs[i]);
    }
    if (rest->len)
      memcpy(secs + mid, rest->data, sizeof(InputSection *) * (size_t)rest->len);
    for (i64 i = begin; i < mid; i++)
      secs[i]->icf_class[rf->cur ^ 1] = (u32)(rf->c->base + mid);
    if (mid != end)
      atomic_store_explicit(&rf->split, true, memory_order_relaxed);
    begin = mid;
  }
}

static void split_shard_task(Ctx *ctx, i64 s, void *arg) {
  Refine *rf = arg;
  SectionVec rest = {0};
  for (i64 b = rf->bounds[s]; b < rf->bounds[s + 1];) {
    i64 e = class_end(rf->c->secs, b, rf->bounds[s + 1], rf->cur);
    split_class(ctx, rf, b, e, &rest);
    b = e;
  }
  free(rest.data);
}

/* One round over every class; true if some class split. */
static bool split_round(Ctx *ctx, Refine *rf) {
  InputSection **secs = rf->c->secs;
  i64 n = rf->c->n, step = n / rf->nshards;
  rf->bounds[0] = 0;
  for (i64 s = 1; s < rf->nshards; s++) {
    i64 i = MAX(s * step, rf->bounds[s - 1]);
    while (i > 0 && i < n && secs[i]->icf_class[rf->cur] == secs[i - 1]->icf_class[rf->cur])
      i++;
    rf->bounds[s] = i;
  }
  rf->bounds[rf->nshards] = n;
  atomic_store(&rf->split, false);
  parallel_for(ctx, rf->nshards, split_shard_task, rf);
  rf->cur ^= 1;
  return atomic_load(&rf->split);
}

/* ---- Folding ---- */

static void print_section(const char *what, const InputSection *isec) {
  printf("%s %s:(%s)\n", what, isec->file->name, isec->name);
}

static void fold_classes(Ctx *ctx, Candidates *c, int cur) {
  for (i64 b = 0; b < c->n;) {
    i64 e = class_end(c->secs, b, c->n, cur);
    InputSection *kept = c->secs[b];
    if (e - b > 1 && ctx->opt.print_icf_sections)
      print_section("selected section", kept);
    for (i64 i = b + 1; i < e; i++) {
      InputSection *isec = c->secs[i];
      if (ctx->opt.print_icf_sections)
        print_section("  removing identical section", isec);
      isec->is_alive = false;
      isec->folded_into = kept;
      kept->p2align = MAX(kept->p2align, isec->p2align);
    }
    b = e;
  }
}

/* Symbols of a folded section move to the kept one, at the same offset; the mark
 * tells split_eh_frames that the FDE naming them describes a dropped copy. */
static void redirect_symbols_task(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[fi];
  for (i64 i = 0; f->syms && i < f->nsyms; i++) {
    Symbol *sym = f->syms[i];
    /* A global is moved by the file that defines it. */
    if (!sym || (i >= f->first_global && sym->file != f) || !sym->isec || !sym->isec->folded_into)
      continue;
    sym->isec = sym->isec->folded_into;
    sym->icf_folded = true;
  }
}

void fold_identical_sections(Ctx *ctx) {
  if (ctx->opt.icf == ICF_NONE)
    return;
  i64 nfiles = ctx->objs.len;

  KeepLists keep = {calloc((size_t)MAX(nfiles, 1), sizeof(SectionVec))};
  Numbering nb = {calloc((size_t)MAX(nfiles, 1), sizeof(i64)),
                  calloc((size_t)MAX(nfiles, 1), sizeof(i64)), NULL};
  if (!keep.foreign || !nb.ncandidates || !nb.nothers)
    fatal(ctx, "out of memory");
  TIMED_STEP(ctx, "find address-significant sections",
             parallel_for(ctx, nfiles, find_unique_sections_task, &keep));
  for (i64 fi = 0; fi < nfiles; fi++) {
    for (i64 k = 0; k < keep.foreign[fi].len; k++)
      keep.foreign[fi].data[k]->icf_class[0] = KEEP_UNIQUE;
    free(keep.foreign[fi].data);
  }
  free(keep.foreign);

  parallel_for(ctx, nfiles, count_candidates_task, &nb);
  i64 n = counts_to_starts(nb.ncandidates, nfiles, 0);
  i64 nothers = counts_to_starts(nb.nothers, nfiles, 0);
  nb.candidates = malloc(sizeof(InputSection *) * (size_t)MAX(n, 1));
  if (!nb.candidates)
    fatal(ctx, "out of memory");
  parallel_for(ctx, nfiles, number_sections_task, &nb);
  free(nb.ncandidates);
  free(nb.nothers);

  Candidates c = {nb.candidates, n, (u32)(nothers + 1), 0};
  TIMED_STEP(ctx, "hash sections", {
    parallel_for(ctx, block_count(n), hash_contents_task, &c);
    /* Two rounds spread the classes of targets' targets too (lld found two enough). */
    for (c.round = 0; c.round < 2; c.round++)
      parallel_for(ctx, block_count(n), hash_targets_task, &c);
    sort_by_class(ctx, c.secs, n);
  });

  /* About 64 classes' worth of sections per shard when there are many. */
  Refine rf = {.c = &c, .nshards = n < 1024 ? 1 : MIN(256, n / 64), .cur = 0, .constant = true};
  rf.bounds = malloc(sizeof(i64) * (size_t)(rf.nshards + 1));
  if (!rf.bounds)
    fatal(ctx, "out of memory");
  TIMED_STEP(ctx, "compare sections", split_round(ctx, &rf));
  rf.constant = false;
  TIMED_STEP(ctx, "compare relocation targets to the fixpoint", {
    while (split_round(ctx, &rf))
      ;
  });
  free(rf.bounds);

  fold_classes(ctx, &c, rf.cur);
  parallel_for(ctx, nfiles, redirect_symbols_task, NULL);
  free(c.secs);
}

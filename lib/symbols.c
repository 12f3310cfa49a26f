/* The global symbol table and the resolution rules. One Symbol per global name,
 * interned once in an open-addressing table. Resolution follows GNU ld: a strong
 * definition beats a common, which beats a weak definition; two strong definitions
 * are an error; commons merge to the largest; an undefined strong reference extracts
 * the archive member that defines the name. Visibility merges to the most
 * constraining STV among object files (gABI "Symbol Visibility"). */
#include "arch.h"
#include "rivet.h"

#include <fnmatch.h>
#include <pthread.h>
#include <stdlib.h>

static u64 name_hash(const char *name) {
  return hash_string(name, (i64)strlen(name));
}

/* x86-64 and aarch64 user addresses fit in 48 bits; the 16 above hold a hash tag, so
 * a probe rejects another name without loading its Symbol. */
enum { SLOT_TAG_SHIFT = 48 };
#define SLOT_POINTER_MASK ((1ULL << SLOT_TAG_SHIFT) - 1)

static u64 slot_tag(u64 hash) {
  return hash & ~SLOT_POINTER_MASK;
}

static Symbol *slot_pointer(u64 slot) {
  return (Symbol *)(uintptr_t)(slot & SLOT_POINTER_MASK);
}

static u64 make_slot(Symbol *s) {
  return slot_tag(global_symbol(s)->hash) | (u64)(uintptr_t)s;
}

Symbol *symbol_in_slot(const Ctx *ctx, i64 slot) {
  return slot_pointer(ctx->symtab[slot]);
}

void init_symbol_table(Ctx *ctx, i64 expected) {
  i64 cap = 1024;
  while (cap < expected * 2)
    cap *= 2;
  ctx->symtab_cap = cap;
  ctx->symtab = alloc_zeroed(cap * (i64)sizeof(u64));
  if (!ctx->symtab)
    fatal(ctx, "out of memory");
}

/* Grows the table so that n more names fit at a load of at most one half. Called
 * outside parallel passes only: concurrent interning never grows the table. */
void reserve_symbols(Ctx *ctx, i64 n) {
  if ((ctx->symtab_len + n) * 2 < ctx->symtab_cap)
    return;
  _Atomic u64 *old = ctx->symtab;
  i64 old_cap = ctx->symtab_cap;
  init_symbol_table(ctx, ctx->symtab_len + n);
  for (i64 i = 0; i < old_cap; i++) {
    if (!old[i])
      continue;
    u64 h = global_symbol(slot_pointer(old[i]))->hash & (u64)(ctx->symtab_cap - 1);
    while (ctx->symtab[h])
      h = (h + 1) & (u64)(ctx->symtab_cap - 1);
    ctx->symtab[h] = old[i];
  }
  free_zeroed(old, old_cap * (i64)sizeof(u64));
}

static Symbol *new_symbol(Ctx *ctx, const char *name, u64 hash) {
  GlobalSymbol *g = ARENA_NEW(local_arena(ctx), GlobalSymbol);
  if ((uintptr_t)g & ~SLOT_POINTER_MASK)
    fatal(ctx, "symbol allocated above the 48-bit address space");
  g->hash = hash;
  Symbol *s = &g->sym;
  s->name = name;
  s->rank = RANK_UNDEF;
  s->binding = STB_GLOBAL;
  s->visibility = STV_DEFAULT;
  s->sym_idx = -1;
  clear_symbol_slots(s);
  for (i64 i = 0; i < ctx->opt.trace_symbols.len; i++)
    if (!strcmp(ctx->opt.trace_symbols.data[i], name))
      s->traced = true;
  for (i64 i = 0; i < ctx->opt.explain_symbols.len; i++)
    if (!fnmatch(ctx->opt.explain_symbols.data[i], name, 0))
      s->explain = true;
  return s;
}

/* Linear probing. A new name takes its slot with a compare-and-swap, so files can
 * be interned on several threads at once: whichever thread creates a name's Symbol,
 * its contents depend only on the name. Which slot a name lands in can vary, so no
 * output may depend on the table's order. A name this call creates adds one to
 * *created: callers count a batch's new names and add them to symtab_len at once,
 * since an atomic add per name keeps that line moving between threads. */
static Symbol *lookup(Ctx *ctx, const char *name, u64 hash, bool create, i64 *created) {
  u64 mask = (u64)ctx->symtab_cap - 1;
  for (u64 h = hash & mask;; h = (h + 1) & mask) {
    u64 slot = ctx->symtab[h];
    if (!slot) {
      if (!create)
        return NULL;
      Symbol *fresh = new_symbol(ctx, name, hash);
      if (atomic_compare_exchange_strong(&ctx->symtab[h], &slot, make_slot(fresh))) {
        (*created)++;
        return fresh;
      }
      /* Another thread took the slot: compare with its symbol as usual. */
    }
    if (slot_tag(slot) != slot_tag(hash))
      continue;
    Symbol *s = slot_pointer(slot);
    if (global_symbol(s)->hash == hash && !strcmp(s->name, name))
      return s;
  }
}

static Symbol *lookup_one(Ctx *ctx, const char *name, u64 hash, bool create) {
  i64 created = 0;
  Symbol *s = lookup(ctx, name, hash, create, &created);
  if (created)
    atomic_fetch_add_explicit(&ctx->symtab_len, created, memory_order_relaxed);
  return s;
}

Symbol *intern_symbol_hashed(Ctx *ctx, const char *name, u64 hash) {
  return lookup_one(ctx, name, hash, true);
}

/* Each lookup is a chain of cache misses: slot, Symbol, name. Walking the batch
 * once per link of the chain, with prefetches, overlaps the misses of all names. */
void intern_symbols(Ctx *ctx, i64 n, const char *const *names, const u64 *hashes, Symbol **out) {
  u64 mask = (u64)ctx->symtab_cap - 1;
  for (i64 k = 0; k < n; k++)
    __builtin_prefetch((const void *)&ctx->symtab[hashes[k] & mask]);
  for (i64 k = 0; k < n; k++) {
    u64 slot = ctx->symtab[hashes[k] & mask];
    out[k] = slot_tag(slot) == slot_tag(hashes[k]) ? slot_pointer(slot) : NULL;
    if (out[k])
      __builtin_prefetch(&out[k]->name);
  }
  for (i64 k = 0; k < n; k++)
    if (out[k])
      __builtin_prefetch(out[k]->name);
  i64 created = 0;
  for (i64 k = 0; k < n; k++)
    out[k] = lookup(ctx, names[k], hashes[k], true, &created);
  if (created)
    atomic_fetch_add_explicit(&ctx->symtab_len, created, memory_order_relaxed);
}

const SymAux no_sym_aux = {.got_idx = -1,
                           .gottp_idx = -1,
                           .tlsgd_idx = -1,
                           .tlsdesc_idx = -1,
                           .plt_idx = -1,
                           .iplt_idx = -1,
                           .pltgot_idx = -1};

SymAux *sym_aux(Ctx *ctx, Symbol *sym) {
  if (!sym->aux) {
    sym->aux = ARENA_NEW(local_arena(ctx), SymAux);
    *sym->aux = no_sym_aux;
  }
  return sym->aux;
}

void clear_symbol_slots(Symbol *sym) {
  sym->aux = NULL;
  sym->symtab_idx = sym->dynsym_idx = -1;
}

/* While the parse pipeline runs (read-inputs.c), names are interned on several
 * threads at once and the tables may have to grow. Interning holds the lock shared,
 * with room set aside for what it may add; growing holds it alone, when no thread is
 * between a probe and its slot. */
void lock_name_tables(Ctx *ctx, i64 nnames, i64 ngroups) {
  for (;;) {
    pthread_rwlock_rdlock(&ctx->names_lock);
    i64 names = atomic_fetch_add(&ctx->names_set_aside, nnames) + nnames;
    i64 groups = atomic_fetch_add(&ctx->groups_set_aside, ngroups) + ngroups;
    if ((ctx->symtab_len + names) * 2 < ctx->symtab_cap &&
        (ctx->ncomdats + groups) * 2 <= ctx->comdats_cap)
      return;
    atomic_fetch_sub(&ctx->names_set_aside, nnames);
    atomic_fetch_sub(&ctx->groups_set_aside, ngroups);
    pthread_rwlock_unlock(&ctx->names_lock);
    pthread_rwlock_wrlock(&ctx->names_lock);
    reserve_symbols(ctx, nnames);
    reserve_comdats(ctx, ngroups);
    pthread_rwlock_unlock(&ctx->names_lock);
  }
}

void unlock_name_tables(Ctx *ctx, i64 nnames, i64 ngroups) {
  atomic_fetch_sub(&ctx->names_set_aside, nnames);
  atomic_fetch_sub(&ctx->groups_set_aside, ngroups);
  pthread_rwlock_unlock(&ctx->names_lock);
}

void init_name_tables_lock(Ctx *ctx) {
  pthread_rwlockattr_t attr;
  pthread_rwlockattr_init(&attr);
  /* A waiting grower must not starve behind readers that keep overlapping. */
  pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
  pthread_rwlock_init(&ctx->names_lock, &attr);
  pthread_rwlockattr_destroy(&attr);
}

Symbol *intern_symbol(Ctx *ctx, const char *name) {
  if (!ctx->names_shared) {
    reserve_symbols(ctx, 1);
    return lookup_one(ctx, name, name_hash(name), true);
  }
  lock_name_tables(ctx, 1, 0);
  Symbol *s = lookup_one(ctx, name, name_hash(name), true);
  unlock_name_tables(ctx, 1, 0);
  return s;
}

Symbol *find_symbol(Ctx *ctx, const char *name) {
  if (!ctx->names_shared)
    return lookup_one(ctx, name, name_hash(name), false);
  lock_name_tables(ctx, 0, 0);
  Symbol *s = lookup_one(ctx, name, name_hash(name), false);
  unlock_name_tables(ctx, 0, 0);
  return s;
}

bool symbol_is_defined(const Symbol *sym) {
  return sym->rank <= RANK_DSO;
}

bool symbol_is_ifunc(const Symbol *sym) {
  return sym->type == STT_GNU_IFUNC;
}

/* STV_DEFAULT < STV_PROTECTED < STV_HIDDEN = STV_INTERNAL, in how much they constrain. */
static int visibility_strength(u8 v) {
  switch (v) {
  case STV_PROTECTED:
    return 1;
  case STV_HIDDEN:
  case STV_INTERNAL:
    return 2;
  default:
    return 0;
  }
}

void trace_symbol_event(Ctx *ctx, Symbol *sym, InputFile *f, const ESym *esym) {
  if (!sym->traced)
    return;
  u32 shndx = esym->st_shndx;
  const char *what = shndx == SHN_UNDEF                         ? "reference to"
                     : shndx == SHN_COMMON                      ? "common definition of"
                     : ELF64_ST_BIND(esym->st_info) == STB_WEAK ? "weak definition of"
                                                                : "definition of";
  (void)ctx;
  printf("%s: %s %s\n", f->name, what, sym->name);
}

/* The name loses a shared object's definition and is only referenced again. */
void make_undefined(Symbol *sym, u8 type) {
  sym->file = NULL;
  sym->rank = RANK_UNDEF;
  sym->type = type;
  sym->value = sym->size = 0;
  sym->dso_protected = false;
}

/* GNU ld (elf_link_is_defined_archive_symbol): a common symbol extracts an archive
 * member that defines the name as global data in a section, the Fortran BLOCK DATA
 * convention; a member with only another common, a weak or a function definition is
 * not extracted for it. */
static bool member_defines_data(Ctx *ctx, InputFile *member, const char *name) {
  wait_for_member(ctx, member);
  if (!read_object_symbols(ctx, member))
    return false;
  for (i64 i = member->first_global; i < member->nsyms; i++) {
    const ESym *es = &member->esyms[i];
    if (strcmp(esym_name(member, es), name))
      continue;
    u8 bind = ELF64_ST_BIND(es->st_info);
    return (bind == STB_GLOBAL || bind >= STB_LOOS) && ELF64_ST_TYPE(es->st_info) != STT_FUNC &&
           (es->st_shndx == SHN_ABS || esym_section(member, i) >= 0);
  }
  return false;
}

/* The name stays lazy, with the member that will define it, from the moment that
 * member is extracted for it: another archive's (or the same index's) later entry
 * for the name must not extract a second definer, as GNU ld takes the first. */
void add_lazy_symbol(Ctx *ctx, Symbol *sym, InputFile *member) {
  GlobalSymbol *g = global_symbol(sym);
  if (sym->rank == RANK_UNDEF) {
    sym->rank = RANK_LAZY;
    g->lazy_file = member;
    if (sym->has_strong_ref || sym->referenced_strongly_by_dso)
      extract_member(ctx, member, sym, g->first_ref);
    return;
  }
  /* lazy_file marks a common whose data definition has been extracted already. */
  if (sym->rank == RANK_COMMON && !g->lazy_file && member_defines_data(ctx, member, sym->name)) {
    g->lazy_file = member;
    extract_member(ctx, member, sym, sym->file);
  }
}

void report_duplicate(Ctx *ctx, Symbol *sym, InputFile *other) {
  (ctx->opt.noinhibit_exec ? warn : error)(
      ctx, "duplicate symbol: %s\n>>> defined at %s\n>>> defined at %s",
      display_name(ctx, sym->name), sym->file ? sym->file->name : "<internal>", other->name);
}

static void take_definition(Symbol *sym, InputFile *f, i64 idx, SymRank rank) {
  const ESym *es = &f->esyms[idx];
  i64 shndx = esym_section(f, idx);
  sym->file = f;
  sym->sym_idx = idx;
  sym->rank = (u8)rank;
  sym->type = ELF64_ST_TYPE(es->st_info);
  u8 bind = ELF64_ST_BIND(es->st_info);
  sym->binding = bind == STB_WEAK || bind == STB_GNU_UNIQUE ? bind : STB_GLOBAL;
  sym->value = es->st_value;
  sym->size = es->st_size;
  sym->is_abs = es->st_shndx == SHN_ABS;
  sym->isec = shndx >= 0 ? f->sections[shndx] : NULL;
  global_symbol(sym)->lazy_file = NULL;
  sym->dso_protected = false;
  if (rank == RANK_COMMON)
    sym->common_p2align = (u8)(es->st_value ? __builtin_ctzll(es->st_value) : 0);
}

/* Symbols ahead of the one being resolved whose cache lines are fetched meanwhile:
 * the walk is serial, and each name's Symbol is a cache miss. */
enum { RESOLVE_PREFETCH = 8 };

/* Resolves f's global symbol i against what the files before f left. A duplicate
 * definition is reported, or, with duplicates given, listed to be reported later. */
void resolve_global(Ctx *ctx, InputFile *f, i64 i, DuplicateVec *duplicates) {
  const ESym *es = &f->esyms[i];
  Symbol *sym = f->syms[i];
  u32 shndx = esym_shndx(f, i);
  u8 vis = ELF64_ST_VISIBILITY(es->st_other);
  if (visibility_strength(vis) > visibility_strength(sym->visibility))
    sym->visibility = vis == STV_INTERNAL ? STV_HIDDEN : vis;
  trace_symbol_event(ctx, sym, f, es);

  if (shndx == SHN_UNDEF) {
    if (vis != STV_DEFAULT && sym->rank == RANK_DSO)
      make_undefined(sym, ELF64_ST_TYPE(es->st_info));
    /* Written only when they change: a name thousands of files reference would have
     * its cache line dirtied by each, and passed between the leading run's threads. */
    if (!sym->referenced)
      sym->referenced = true;
    GlobalSymbol *g = global_symbol(sym);
    if (!g->first_ref)
      g->first_ref = f;
    if (ELF64_ST_BIND(es->st_info) != STB_WEAK) {
      if (!sym->has_strong_ref)
        sym->has_strong_ref = true;
      if (sym->rank == RANK_LAZY)
        extract_member(ctx, g->lazy_file, sym, f);
    }
    return;
  }
  SymRank rank = es->st_shndx == SHN_COMMON               ? RANK_COMMON
                 : ELF64_ST_BIND(es->st_info) == STB_WEAK ? RANK_WEAK
                                                          : RANK_DEFINED;
  /* A definition inside a dropped COMDAT member (or an excluded section) is no
   * definition: the kept copy of the group defines the name. */
  i64 section = esym_section(f, i);
  if (section >= 0 && !f->sections[section])
    return;
  if (sym->rank == RANK_DEFINED && rank == RANK_DEFINED) {
    if (ctx->opt.allow_multiple_definition || sym->file == f ||
        just_symbols_may_repeat(ctx, sym, f))
      return;
    if (duplicates)
      vec_push(duplicates, ((Duplicate){f, i}));
    else
      report_duplicate(ctx, sym, f);
    return;
  }
  if (sym->rank == RANK_COMMON && rank == RANK_COMMON) {
    u8 p2 = (u8)(es->st_value ? __builtin_ctzll(es->st_value) : 0);
    u8 align = MAX(sym->common_p2align, p2);
    if (es->st_size > sym->size)
      take_definition(sym, f, i, rank);
    sym->common_p2align = align;
    return;
  }
  if (rank == RANK_COMMON && sym->rank == RANK_DSO) {
    if (sym->visibility == STV_DEFAULT &&
        dso_definition_beats_common(sym->file, sym->sym_idx, false)) {
      sym->referenced = true;
      sym->has_strong_ref = true;
      sym->binding = STB_GLOBAL; /* GNU ld exports the copy as the common's binding */
      return;
    }
    InputFile *dso = sym->file;
    i64 dso_idx = sym->sym_idx;
    u64 dso_size = sym->size;
    take_definition(sym, f, i, rank);
    if (dso_definition_is_common_like(dso, dso_idx))
      vec_push(&ctx->dso_common_merges,
               ((DsoCommonMerge){sym, dso, dso_size, dso_symbol_p2align(dso, dso_idx)}));
    return;
  }
  if (rank == RANK_COMMON && sym->rank == RANK_LAZY) {
    InputFile *member = global_symbol(sym)->lazy_file;
    bool extract = member_defines_data(ctx, member, sym->name);
    take_definition(sym, f, i, rank);
    if (extract) {
      global_symbol(sym)->lazy_file = member;
      extract_member(ctx, member, sym, f);
    }
    return;
  }
  if (rank < sym->rank)
    take_definition(sym, f, i, rank);
  /* "foo@@V" (a .symver default version) is also the definition of plain "foo". */
  const char *at2 = f->has_versioned_names ? strstr(sym->name, "@@") : NULL;
  if (at2 && sym->file == f && sym->sym_idx == i) {
    Symbol *b = intern_symbol(ctx, arena_strndup(&ctx->arena, sym->name, at2 - sym->name));
    if (rank < b->rank) {
      take_definition(b, f, i, rank);
    }
    sym->is_version_alias = true;
    sym_aux(ctx, sym)->base_sym = b;
  }
}

void resolve_file_symbols(Ctx *ctx, InputFile *f) {
  for (i64 i = f->first_global; i < f->nsyms; i++) {
    if (i + RESOLVE_PREFETCH < f->nsyms)
      __builtin_prefetch(f->syms[i + RESOLVE_PREFETCH], 1);
    resolve_global(ctx, f, i, NULL);
  }
}

/* Where the symbol is defined; for an IFUNC, that is its resolver. */
u64 symbol_definition_address(Ctx *ctx, const Symbol *sym) {
  if (sym->is_imported)
    return 0;
  if (sym->isec) {
    if (!sym->isec->is_alive)
      return 0;
    return isec_address(ctx, sym->isec, sym->value);
  }
  if (sym->chunk)
    return sym->chunk->shdr.sh_addr + sym->value;
  if (sym->is_abs)
    return sym->value;
  return 0;
}

/* The address references see: an IFUNC's canonical .iplt entry, else the definition. */
u64 plt_entry_address(Ctx *ctx, const Symbol *sym) {
  if (AUX(sym)->pltgot_idx >= 0)
    return ctx->pltgot->shdr.sh_addr +
           (u64)AUX(sym)->pltgot_idx * (u64)pltgot_entry_size(ctx);
  if (ctx->ibt_plt)
    return ctx->plt_sec->shdr.sh_addr + (u64)AUX(sym)->plt_idx * (u64)ctx->arch->plt_sec_entry_size;
  return ctx->plt->shdr.sh_addr + (u64)ctx->arch->plt_header_size +
         (u64)AUX(sym)->plt_idx * (u64)ctx->arch->plt_entry_size;
}

/* The address references see: an IFUNC's .iplt entry, a copied object's copy, an
 * imported function's PLT entry, else the definition. */
u64 symbol_address(Ctx *ctx, const Symbol *sym) {
  if (AUX(sym)->iplt_idx >= 0)
    return ctx->iplt->shdr.sh_addr + (u64)AUX(sym)->iplt_idx * (u64)ctx->arch->iplt_entry_size;
  if (sym->has_copyrel) {
    Chunk *c = sym->copyrel_readonly ? ctx->copyrel_ro : ctx->copyrel;
    return c->shdr.sh_addr + AUX(sym)->copy_offset;
  }
  /* An executable's undefined weak with a PLT entry: calls reach the entry (see
   * call_target_address), every other reference sees 0. */
  if (!sym->is_imported && !symbol_is_defined(sym) && !sym->is_canonical)
    return 0;
  if (AUX(sym)->plt_idx >= 0 || AUX(sym)->pltgot_idx >= 0)
    return plt_entry_address(ctx, sym);
  if (sym->is_imported)
    return 0;
  return symbol_definition_address(ctx, sym);
}

/* Symbol + addend as a relocation sees it. A section symbol of an SHF_MERGE section
 * uses the addend to pick the piece, so it is folded in before the lookup (the
 * piece may have moved relative to its neighbours). */
u64 reloc_target_address(Ctx *ctx, Symbol *sym, i64 *addend) {
  /* A local defined in a section has no PLT, GOT, copy or .iplt entry (except a local
   * IFUNC): most relocations name one, so they skip symbol_address's questions. */
  if (sym->is_local && sym->isec && sym->type != STT_GNU_IFUNC) {
    if (!sym->isec->is_alive)
      return 0;
    if (sym->type == STT_SECTION && sym->isec->pieces) {
      u64 a = isec_address(ctx, sym->isec, sym->value + (u64)*addend);
      *addend = 0;
      return a;
    }
    return isec_address(ctx, sym->isec, sym->value);
  }
  return symbol_address(ctx, sym);
}

/* What a call (PLT32, PLTOFF64) reaches: the symbol's PLT entry if it has one. */
u64 call_target_address(Ctx *ctx, Symbol *sym, i64 *addend) {
  if (AUX(sym)->plt_idx >= 0 || AUX(sym)->pltgot_idx >= 0)
    return plt_entry_address(ctx, sym);
  return reloc_target_address(ctx, sym, addend);
}

u64 symbol_got_address(Ctx *ctx, const Symbol *sym) {
  return ctx->got->shdr.sh_addr + (u64)AUX(sym)->got_idx * 8;
}

/* --ignore-unresolved-symbol NAME: never reported undefined, wherever referenced. */
bool is_ignored_undefined(Ctx *ctx, const char *name) {
  for (i64 i = 0; i < ctx->opt.ignored_undefined.len; i++)
    if (!strcmp(ctx->opt.ignored_undefined.data[i], name))
      return true;
  return false;
}

/* An undefined strong reference of an object that the options let pass instead of
 * reporting it as an error: --unresolved-symbols=ignore-all|ignore-in-object-files,
 * --warn-unresolved-symbols (reported as a warning), --ignore-unresolved-symbol. */
bool undefined_is_let_pass(Ctx *ctx, const Symbol *sym) {
  return ctx->opt.ignore_undefined_in_objects || ctx->opt.warn_unresolved_symbols ||
         is_ignored_undefined(ctx, sym->name);
}

/* --require-defined NAME: like -u, and the link fails unless something defines it
 * (GNU ld's words). */
void check_required_symbols(Ctx *ctx) {
  for (i64 i = 0; i < ctx->opt.required_defined.len; i++) {
    const char *name = ctx->opt.required_defined.data[i];
    Symbol *sym = find_symbol(ctx, name);
    if (!sym || !symbol_is_defined(sym))
      (ctx->opt.noinhibit_exec ? warn : error)(ctx, "required symbol `%s' not defined", name);
  }
}

/* --warn-common: GNU ld's messages, as its scan in command-line order meets each
 * common symbol and the other commons and definitions of its name. */
typedef struct CommonState {
  Symbol *sym;
  InputFile *file; /* the current holder of the name */
  u64 size;        /* a common's size */
  bool is_common;
} CommonState;

static CommonState *common_slot(CommonState *table, u64 cap, Symbol *sym) {
  u64 h = ((u64)(uintptr_t)sym * 0x9e3779b97f4a7c15ULL) >> 7;
  for (u64 i = h & (cap - 1);; i = (i + 1) & (cap - 1))
    if (!table[i].sym || table[i].sym == sym)
      return &table[i];
}

static void note_common_event(Ctx *ctx, CommonState *st, InputFile *f, const ESym *es) {
  const char *name = st->sym->name;
  bool common = es->st_shndx == SHN_COMMON;
  if (!st->file) {
    *st = (CommonState){st->sym, f, es->st_size, common};
  } else if (st->is_common && common) {
    if (es->st_size == st->size)
      warn(ctx, "%s and %s: multiple common of `%s'", f->name, st->file->name, name);
    else if (es->st_size > st->size)
      warn(ctx, "%s: common of `%s' overriding smaller common from %s", f->name, name,
           st->file->name);
    else
      warn(ctx, "%s: common of `%s' overridden by larger common from %s", f->name, name,
           st->file->name);
    if (es->st_size > st->size)
      st->file = f, st->size = es->st_size;
  } else if (st->is_common) {
    warn(ctx, "%s: definition of `%s' overriding common from %s", f->name, name, st->file->name);
    st->file = f, st->is_common = false;
  } else if (common) {
    warn(ctx, "%s: common of `%s' overridden by definition from %s", f->name, name, st->file->name);
  }
}

void warn_common_symbols(Ctx *ctx) {
  if (!ctx->opt.warn_common)
    return;
  i64 ncommon = 0;
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = f->first_global; f->syms && i < f->nsyms; i++)
      ncommon += f->esyms[i].st_shndx == SHN_COMMON;
  }
  if (!ncommon)
    return;
  u64 cap = 16;
  while (cap < 2 * (u64)ncommon)
    cap *= 2;
  CommonState *table = calloc(cap, sizeof(CommonState));
  if (!table)
    fatal(ctx, "out of memory");
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = f->first_global; f->syms && i < f->nsyms; i++)
      if (f->esyms[i].st_shndx == SHN_COMMON)
        common_slot(table, cap, f->syms[i])->sym = f->syms[i];
  }
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = f->first_global; f->syms && i < f->nsyms; i++) {
      const ESym *es = &f->esyms[i];
      if (es->st_shndx == SHN_UNDEF)
        continue;
      CommonState *st = common_slot(table, cap, f->syms[i]);
      if (st->sym)
        note_common_event(ctx, st, f, es);
    }
  }
  free(table);
}

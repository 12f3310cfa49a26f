/* .symtab and .strtab of the output: a null entry, the local symbols of every live
 * object (file symbols and named locals; section symbols are dropped, and assembler
 * temporaries ".L*" as -x/-X/--discard-none say), then one entry per global symbol.
 * gABI: all STB_LOCAL entries precede the globals; sh_info is the first global. */
#include "rivet.h"

#include <stdio.h>
#include <stdlib.h>

/* GNU ld (and lld): by default only the temporaries that point into SHF_MERGE
 * sections go (the assembler keeps them for relocations into merged strings); -X drops
 * every temporary, -x every local of the inputs, --discard-none none. */
static bool discards_temporary(DiscardLocals policy, const Symbol *s) {
  switch (policy) {
  case DISCARD_NONE:
    return false;
  case DISCARD_MERGE_TEMPORARIES:
    return s->isec && (s->isec->flags & SHF_MERGE);
  default:
    return true;
  }
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* --retain-symbols-file: the names, one a line, sorted for lookup. */
static void read_retained_names(Ctx *ctx) {
  MappedFile *mf = map_file_or_error(ctx, ctx->opt.retain_symbols_file);
  if (!mf)
    return;
  VEC(const char *) names = {0};
  const char *p = (const char *)mf->data, *end = p + mf->size;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    const char *b = p;
    while (b < e && (*b == ' ' || *b == '\t'))
      b++;
    const char *t = e;
    while (t > b && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
      t--;
    if (t > b)
      vec_push(&names, arena_strndup(&ctx->arena, b, (i64)(t - b)));
    p = nl ? nl + 1 : end;
  }
  if (names.len > 1)
    qsort(names.data, (size_t)names.len, sizeof(char *), compare_names);
  ctx->retained_names = ARENA_ARRAY(&ctx->arena, const char *, MAX(names.len, 1));
  if (names.len)
    memcpy(ctx->retained_names, names.data, (size_t)names.len * sizeof(char *));
  ctx->nretained = names.len;
  free(names.data);
}

static bool is_retained(Ctx *ctx, const Symbol *s) {
  if (!ctx->retained_names)
    return true;
  return bsearch(&s->name, ctx->retained_names, (size_t)ctx->nretained, sizeof(char *),
                 compare_names) != NULL;
}

bool keeps_local_symbol(Ctx *ctx, InputFile *f, Symbol *s, i64 idx) {
  if (idx == 0 || s->type == STT_SECTION || s->name[0] == 0)
    return false;
  if (!is_retained(ctx, s))
    return false;
  if (ctx->opt.discard == DISCARD_ALL_LOCALS)
    return false;
  if (starts_with(s->name, ".L") && discards_temporary(ctx->opt.discard, s))
    return false;
  if (s->type == STT_FILE)
    return true;
  u32 shndx = esym_shndx(f, idx);
  if (shndx == SHN_UNDEF)
    return false;
  if (s->is_abs)
    return true;
  return is_in_output(s->isec);
}

/* Is this file where the global is written? Once per symbol: at its definer, or, for
 * an undefined symbol, at its first referencing file. */
static bool owns_global(InputFile *f, Symbol *s, i64 idx) {
  if (s->file && s->file->kind != FILE_DSO)
    return s->file == f && s->sym_idx == idx;
  return global_symbol(s)->first_ref == f && !s->is_defined_by_linker;
}

/* gABI: a hidden symbol is converted to STB_LOCAL in a linked output. GNU ld does so
 * in dynamic outputs (resetting the visibility) and keeps GLOBAL HIDDEN in static ones;
 * rivet writes the same. */
static bool becomes_local(Ctx *ctx, const Symbol *s) {
  if (s->forced_local && s->file && !s->is_imported)
    return true; /* made local by a version script */
  return ctx->is_dynamic && s->file && !s->is_imported &&
         (s->visibility == STV_HIDDEN || s->visibility == STV_INTERNAL);
}

/* -z unique-symbol (GNU ld): every local symbol of an input file, but file and
 * section symbols, gets ".COUNT" (hexadecimal) after its name, COUNT numbering the locals of that name in
 * table order, so that tools that look symbols up by name (kernel live patching) find
 * each one. The numbers are assigned by one serial walk before the parallel ones. */
typedef struct NameCount {
  const char *name;
  u32 count;
} NameCount;

typedef struct UniqueNames {
  NameCount *names; /* open addressing by name */
  i64 names_cap;
  const Symbol **syms; /* open addressing by pointer: the Symbol, and at the same */
  u32 *suffix;         /* index its number */
  i64 syms_cap;
} UniqueNames;

static u64 pointer_hash(const void *p) {
  u64 h = (u64)(uintptr_t)p * 0x9e3779b97f4a7c15ULL;
  return h ^ (h >> 29);
}

static u32 next_count(UniqueNames *u, const char *name) {
  u64 mask = (u64)u->names_cap - 1;
  for (u64 h = hash_string(name, (i64)strlen(name)) & mask;; h = (h + 1) & mask) {
    if (!u->names[h].name) {
      u->names[h].name = name;
      return u->names[h].count++;
    }
    if (!strcmp(u->names[h].name, name))
      return u->names[h].count++;
  }
}

static void remember_suffix(UniqueNames *u, const Symbol *s, u32 n) {
  u64 mask = (u64)u->syms_cap - 1;
  u64 h = pointer_hash(s) & mask;
  while (u->syms[h] && u->syms[h] != s)
    h = (h + 1) & mask;
  u->syms[h] = s;
  u->suffix[h] = n;
}

static u32 suffix_of(const UniqueNames *u, const Symbol *s) {
  u64 mask = (u64)u->syms_cap - 1;
  for (u64 h = pointer_hash(s) & mask; u->syms[h]; h = (h + 1) & mask)
    if (u->syms[h] == s)
      return u->suffix[h];
  return 0;
}

typedef struct SymWriter {
  Ctx *ctx;
  Elf64_Sym *syms; /* NULL while only counting */
  char *str;
  i64 nsym, stroff;
  UniqueNames *unique; /* -z unique-symbol; NULL otherwise */
  bool naming;         /* the serial walk that numbers the names */
} SymWriter;

/* Only an input file's own locals: globals that become local keep their names. */
static bool gets_unique_suffix(const SymWriter *w, const Symbol *s) {
  return w->unique && s->is_local && s->type != STT_FILE && s->type != STT_SECTION;
}

static u16 output_shndx(Ctx *ctx, const Symbol *s) {
  if (s->has_copyrel)
    return (u16)(s->copyrel_readonly ? ctx->copyrel_ro : ctx->copyrel)->shndx;
  if (s->is_imported || (!s->file && !s->is_local))
    return SHN_UNDEF;
  const Chunk *c = s->isec ? s->isec->osec : s->chunk;
  if (c)
    return (u16)(c->shndx ? c->shndx : SHN_ABS);
  return s->is_abs ? SHN_ABS : SHN_UNDEF;
}

static void put(SymWriter *w, Symbol *s, u8 bind) {
  size_t len;
  char suffix[12] = "";
  if (gets_unique_suffix(w, s)) {
    if (w->naming)
      remember_suffix(w->unique, s, next_count(w->unique, s->name));
    snprintf(suffix, sizeof suffix, ".%x", suffix_of(w->unique, s));
  }
  size_t slen = strlen(suffix);
  if (w->syms) {
    Ctx *ctx = w->ctx;
    Elf64_Sym es = {0};
    /* One pass over the name copies and measures it: the names are most of the bytes. */
    char *end = stpcpy(w->str + w->stroff, s->name);
    len = (size_t)(end - (w->str + w->stroff));
    memcpy(end, suffix, slen + 1);
    es.st_name = (u32)w->stroff;
    /* An imported IFUNC is an ordinary function to us (and IFUNC would need ELFOSABI_GNU). */
    u8 type = s->is_imported && s->type == STT_GNU_IFUNC ? STT_FUNC : s->type;
    es.st_info = ELF64_ST_INFO(bind, type);
    es.st_other = bind == STB_LOCAL && !s->is_local ? STV_DEFAULT : s->visibility;
    es.st_size = s->size;
    es.st_shndx = s->type == STT_FILE ? SHN_ABS : output_shndx(ctx, s);
    if (s->type != STT_FILE && es.st_shndx != SHN_UNDEF) {
      u64 addr = s->has_copyrel ? symbol_address(ctx, s) : symbol_definition_address(ctx, s);
      /* STT_TLS values in executables are offsets into the TLS template (ELF TLS). */
      es.st_value = s->type == STT_TLS ? addr - ctx->tls_begin : addr;
    }
    memcpy(&w->syms[w->nsym], &es, sizeof(es));
    s->symtab_idx = (i32)w->nsym; /* --emit-relocs names it by this index */
  } else {
    len = strlen(s->name);
  }
  w->nsym++;
  w->stroff += (i64)(len + slen) + 1;
}

/* The table is written in segments: each file's locals, then each file's globals
 * that become local and the linker's, then the remaining globals and the linker's.
 * Segment k starts where segments 0..k-1 end, so segments are counted and written
 * in parallel and still come out in this order. One walk serves both counting
 * (syms == NULL) and writing, so they cannot disagree. */
i64 symtab_segments(Ctx *ctx) {
  return 3 * ctx->objs.len + 2 + ctx->opt.emit_relocs;
}

/* --emit-relocs: a section symbol per output section of input sections, first, for
 * the relocations against the inputs' section symbols (GNU ld writes them). */
static bool has_section_symbol(const Chunk *c) {
  return (c->kind == CK_OSEC || c->kind == CK_MERGED) && c->shdr.sh_size > 0;
}

static void walk_section_symbols(Ctx *ctx, SymWriter *w) {
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (!has_section_symbol(c))
      continue;
    if (w->syms) {
      Elf64_Sym es = {0, ELF64_ST_INFO(STB_LOCAL, STT_SECTION), 0, (u16)c->shndx, c->shdr.sh_addr,
                      0};
      memcpy(&w->syms[w->nsym], &es, sizeof(es));
      c->section_sym = (i32)w->nsym;
    }
    w->nsym++;
  }
}

static bool writes_global(Ctx *ctx, InputFile *f, Symbol *s, i64 idx) {
  if (!owns_global(f, s, idx))
    return false;
  if (s->isec && !s->isec->is_alive)
    return false; /* its section was garbage-collected */
  return is_retained(ctx, s);
}

/* A file's globals are most of the table's work: every reference of every file is
 * asked whether it is written there, and the table is walked twice (counting, then
 * writing), each time for the demoted and the global part. One walk lists them:
 * demoted ones from the front of the array, the others from its back (then put back
 * in order after them). */
static void list_written_globals_task(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[fi];
  i64 m = f->nsyms - f->first_global, demoted = 0, global = 0;
  Symbol **list = ARENA_ARRAY(local_arena(ctx), Symbol *, MAX(m, 1));
  for (i64 i = f->first_global; i < f->nsyms; i++) {
    Symbol *s = f->syms[i];
    if (writes_global(ctx, f, s, i)) {
      if (becomes_local(ctx, s))
        list[demoted++] = s;
      else
        list[m - 1 - global++] = s;
    }
  }
  Symbol **back = list + m - global;
  for (i64 k = 0; k < global / 2; k++) {
    Symbol *t = back[k];
    back[k] = back[global - 1 - k];
    back[global - 1 - k] = t;
  }
  memmove(list + demoted, back, (size_t)global * sizeof(Symbol *));
  f->symtab_globals = list;
  f->nsymtab_globals = (i32)(demoted + global);
  f->nsymtab_demoted = (i32)demoted;
}

static void walk_globals(SymWriter *w, InputFile *f, bool locals) {
  i64 begin = locals ? 0 : f->nsymtab_demoted;
  i64 end = locals ? f->nsymtab_demoted : f->nsymtab_globals;
  for (i64 i = begin; i < end; i++) {
    Symbol *s = f->symtab_globals[i];
    u8 bind = s->file && !s->is_imported ? s->binding : s->has_strong_ref ? STB_GLOBAL : STB_WEAK;
    put(w, s, locals ? STB_LOCAL : bind);
  }
}

/* A --defsym alias of a definition whose section was discarded goes with it. */
static void walk_linker_symbols(Ctx *ctx, SymWriter *w, bool locals) {
  for (i64 i = 0; i < ctx->linker_syms.len; i++) {
    Symbol *s = ctx->linker_syms.data[i];
    if (becomes_local(ctx, s) == locals && is_retained(ctx, s) && (!s->isec || is_in_output(s->isec)))
      put(w, s, locals ? STB_LOCAL : STB_GLOBAL);
  }
}

static void walk_segment(Ctx *ctx, SymWriter *w, i64 seg) {
  i64 nf = ctx->objs.len;
  if (ctx->opt.emit_relocs && seg-- == 0) {
    walk_section_symbols(ctx, w);
    return;
  }
  if (seg < nf) {
    InputFile *f = ctx->objs.data[seg];
    for (i64 i = 1; i < f->first_global; i++)
      if (keeps_local_symbol(ctx, f, f->syms[i], i))
        put(w, f->syms[i], STB_LOCAL);
  } else if (seg < 2 * nf) {
    walk_globals(w, ctx->objs.data[seg - nf], true);
  } else if (seg == 2 * nf) {
    walk_linker_symbols(ctx, w, true);
  } else if (seg < 3 * nf + 1) {
    walk_globals(w, ctx->objs.data[seg - 2 * nf - 1], false);
  } else {
    walk_linker_symbols(ctx, w, false);
  }
}

static void count_segment_task(Ctx *ctx, i64 seg, void *arg) {
  SymWriter w = {ctx, NULL, NULL, 0, 0, ctx->symtab_unique, false};
  walk_segment(ctx, &w, seg);
  ((i64 *)arg)[2 * seg] = w.nsym;
  ((i64 *)arg)[2 * seg + 1] = w.stroff;
}

static void number_local_names(Ctx *ctx, i64 nseg) {
  i64 n = 0;
  for (i64 i = 0; i < ctx->objs.len; i++)
    n += ctx->objs.data[i]->nsyms;
  n += ctx->linker_syms.len;
  i64 cap = 16;
  while (cap < 2 * n)
    cap *= 2;
  UniqueNames *u = ARENA_NEW(&ctx->arena, UniqueNames);
  u->names = ARENA_ARRAY(&ctx->arena, NameCount, cap);
  memset(u->names, 0, (size_t)cap * sizeof(NameCount));
  u->names_cap = cap;
  u->syms = ARENA_ARRAY(&ctx->arena, const Symbol *, cap);
  memset(u->syms, 0, (size_t)cap * sizeof(Symbol *));
  u->suffix = ARENA_ARRAY(&ctx->arena, u32, cap);
  u->syms_cap = cap;
  ctx->symtab_unique = u;
  SymWriter w = {ctx, NULL, NULL, 0, 0, u, true};
  for (i64 k = 0; k < nseg; k++)
    walk_segment(ctx, &w, k);
}

void size_symtab(Ctx *ctx) {
  if (!ctx->symtab_chunk)
    return;
  i64 nseg = symtab_segments(ctx);
  if (ctx->opt.retain_symbols_file)
    read_retained_names(ctx);
  parallel_for(ctx, ctx->objs.len, list_written_globals_task, NULL);
  if (ctx->opt.z_unique_symbol)
    number_local_names(ctx, nseg);
  i64 *counts = ARENA_ARRAY(&ctx->arena, i64, 2 * nseg);
  parallel_for(ctx, nseg, count_segment_task, counts);
  /* Prefix sums: counts[] becomes each segment's first index and string offset,
   * after the null symbol and the empty string. */
  i64 nsym = 1, stroff = 1;
  for (i64 k = 0; k < nseg; k++) {
    i64 n = counts[2 * k], len = counts[2 * k + 1];
    counts[2 * k] = nsym;
    counts[2 * k + 1] = stroff;
    nsym += n;
    stroff += len;
    if (k == 2 * ctx->objs.len + ctx->opt.emit_relocs)
      ctx->symtab_nlocal = nsym; /* the segments so far hold every local */
  }
  ctx->symtab_segment_starts = counts;
  ctx->symtab_count = nsym;
  ctx->strtab_size = stroff;
  ctx->symtab_chunk->shdr.sh_size = (u64)nsym * sizeof(Elf64_Sym);
  ctx->strtab->shdr.sh_size = (u64)stroff;
}

void write_symtab_segment(Ctx *ctx, i64 seg) {
  u8 *syms = ctx->buf + ctx->symtab_chunk->shdr.sh_offset;
  char *str = (char *)(ctx->buf + ctx->strtab->shdr.sh_offset);
  if (seg == 0) {
    memset(syms, 0, sizeof(Elf64_Sym));
    str[0] = 0;
  }
  SymWriter w = {ctx,
                 (Elf64_Sym *)syms,
                 str,
                 ctx->symtab_segment_starts[2 * seg],
                 ctx->symtab_segment_starts[2 * seg + 1],
                 ctx->symtab_unique,
                 false};
  walk_segment(ctx, &w, seg);
}

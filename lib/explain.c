/* Telling users what the link did: --why-extract (which reference pulled each archive
 * member in), -Map (where every input section went), --trace (the files linked).
 * --trace-symbol is printed as symbols are resolved (symbols.c). */
#include "arch.h"
#include "rivet.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>

void print_why_extract(Ctx *ctx) {
  const char *path = ctx->opt.why_extract;
  if (!path)
    return;
  FILE *out = !strcmp(path, "-") ? stdout : fopen(path, "w");
  if (!out) {
    error(ctx, "cannot open --why-extract= file %s: %s", path, strerror(errno));
    return;
  }
  fprintf(out, "reference\textracted\tsymbol\n");
  for (i64 i = 0; i < ctx->objs.len; i++) {
    InputFile *f = ctx->objs.data[i];
    if (!f->is_member)
      continue;
    const char *by = f->extracted_from_file ? f->extracted_from_file->name
                     : f->in_whole_archive  ? "--whole-archive"
                                            : "-u";
    fprintf(out, "%s\t%s\t%s\n", by, f->name, f->extracted_by ? f->extracted_by : "");
  }
  if (out != stdout)
    fclose(out);
}

/* GNU ld's map lists the allocated input sections the link dropped: COMDAT
 * duplicates and what --gc-sections removed. */
static void print_discarded_sections(Ctx *ctx, FILE *out) {
  fprintf(out, "\nDiscarded input sections\n\n");
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = 1; f->shdrs && i < f->nshdrs; i++) {
      const EShdr *sh = &f->shdrs[i];
      InputSection *isec = f->sections[i];
      if (!(sh->sh_flags & SHF_ALLOC) || sh->sh_size == 0 || (isec && isec->is_alive))
        continue;
      if (sh->sh_type == SHT_GROUP || sh->sh_type == SHT_RELA || sh->sh_type == SHT_REL)
        continue;
      const char *name = sh->sh_name < (u64)f->shstrtab_size ? f->shstrtab + sh->sh_name : "?";
      fprintf(out, "%16s %16s %8lx %5lu         %s:(%s)\n", "-", "-", (unsigned long)sh->sh_size,
              (unsigned long)sh->sh_addralign, f->name, name);
    }
  }
}

void print_map_file(Ctx *ctx) {
  const char *path = ctx->opt.map_file;
  if (!path)
    return;
  FILE *out = !strcmp(path, "-") ? stdout : fopen(path, "w");
  if (!out) {
    error(ctx, "cannot open map file %s: %s", path, strerror(errno));
    return;
  }
  fprintf(out, "%16s %16s %8s %5s Out     In\n", "VMA", "LMA", "Size", "Align");
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (!c->shndx)
      continue;
    fprintf(out, "%16lx %16lx %8lx %5lu %s\n", (unsigned long)c->shdr.sh_addr,
            (unsigned long)c->shdr.sh_addr, (unsigned long)c->shdr.sh_size,
            (unsigned long)c->shdr.sh_addralign, c->name);
    for (i64 k = 0; k < c->members.len; k++) {
      InputSection *isec = c->members.data[k];
      fprintf(out, "%16lx %16lx %8lx %5lu         %s:(%s)\n",
              (unsigned long)(c->shdr.sh_addr + isec->offset),
              (unsigned long)(c->shdr.sh_addr + isec->offset), (unsigned long)isec->size,
              1ul << isec->p2align, isec->file->name, isec->name);
      /* The symbols defined in this input section, in file order. */
      InputFile *f = isec->file;
      for (i64 s = 1; f->syms && s < f->nsyms; s++) {
        Symbol *sym = f->syms[s];
        if (sym->isec != isec || sym->type == STT_SECTION || !sym->name[0] ||
            (!sym->is_local && sym->file != f))
          continue;
        u64 addr = symbol_definition_address(ctx, sym);
        fprintf(out, "%16lx %16lx %8lx %5d                 %s\n", (unsigned long)addr,
                (unsigned long)addr, (unsigned long)sym->size, 1, sym->name);
      }
    }
  }
  if (ctx->opt.print_map_discarded)
    print_discarded_sections(ctx, out);
  if (out != stdout)
    fclose(out);
}

/* --cref: every global name the link's files mention, in name order, each with the
 * file that defines it first and then every other file that defines or references
 * it, in command-line order (GNU ld's table; it also lists each library's "name@VER"
 * spellings and version names, which rivet leaves out). After the map, if there is
 * one, else on standard output. */
typedef struct CrefEntry {
  Symbol *sym;
  InputFile *file;
  bool defines_winner; /* the file whose definition the link uses */
} CrefEntry;
typedef VEC(CrefEntry) CrefEntryVec;

static int compare_cref_entries(const void *pa, const void *pb) {
  const CrefEntry *a = pa, *b = pb;
  if (a->sym != b->sym) {
    int c = strcmp(a->sym->name, b->sym->name);
    return c ? c : a->sym < b->sym ? -1 : 1;
  }
  if (a->defines_winner != b->defines_winner)
    return a->defines_winner ? -1 : 1;
  return a->file->priority < b->file->priority ? -1 : a->file->priority > b->file->priority;
}

static void add_cref_entries(InputFile *f, CrefEntryVec *out) {
  for (i64 i = f->first_global; f->syms && i < f->nsyms; i++) {
    Symbol *sym = f->syms[i];
    if (sym && !sym->is_local && sym->name[0])
      vec_push(out, ((CrefEntry){sym, f, sym->file == f && sym->rank != RANK_UNDEF}));
  }
}

void print_cross_references(Ctx *ctx) {
  if (!ctx->opt.cref)
    return;
  const char *map = ctx->opt.map_file;
  FILE *out = !map || !strcmp(map, "-") ? stdout : fopen(map, "a");
  if (!out) {
    error(ctx, "cannot open map file %s: %s", map, strerror(errno));
    return;
  }
  CrefEntryVec entries = {0};
  for (i64 i = 0; i < ctx->objs.len; i++)
    if (ctx->objs.data[i]->kind != FILE_INTERNAL)
      add_cref_entries(ctx->objs.data[i], &entries);
  for (i64 i = 0; i < ctx->dsos.len; i++)
    if (ctx->dsos.data[i]->is_needed) /* an --as-needed library nobody used is gone */
      add_cref_entries(ctx->dsos.data[i], &entries);
  if (entries.len)
    qsort(entries.data, (size_t)entries.len, sizeof(CrefEntry), compare_cref_entries);
  fprintf(out, "\nCross Reference Table\n\n%-50s%s\n", "Symbol", "File");
  for (i64 i = 0; i < entries.len; i++) {
    const CrefEntry *e = &entries.data[i];
    if (i > 0 && e->sym == entries.data[i - 1].sym && e->file == entries.data[i - 1].file)
      continue;
    bool first = i == 0 || e->sym != entries.data[i - 1].sym;
    /* Files in column 50; a longer name pushes its first file right (GNU ld). */
    fprintf(out, "%-49s %s\n", first ? e->sym->name : "", e->file->name);
  }
  free(entries.data);
  if (out != stdout)
    fclose(out);
  else
    fflush(stdout);
}

/* --print-dependencies (mold): one line per input section and symbol it takes from
 * another file: "SECTION<TAB>DEFINER<TAB>u|w<TAB>SYMBOL", the definer as its section
 * where it has one; then each library's references that another file satisfies. */
static void print_dependency(Ctx *ctx, const char *from, const char *from_sec, Symbol *sym,
                             bool weak) {
  printf(from_sec ? "%s:(%s)\t" : "%s\t", from, from_sec);
  if (sym->isec)
    printf("%s:(%s)", sym->isec->file->name, sym->isec->name);
  else
    printf("%s", sym->file->name);
  printf("\t%c\t%s\n", weak ? 'w' : 'u', display_name(ctx, sym->name));
}

/* A set of pointers, open addressing; cleared between uses without freeing. */
typedef struct PointerSet {
  const void **slots;
  i64 cap, len;
} PointerSet;

static void clear_pointer_set(PointerSet *set) {
  if (set->len)
    memset(set->slots, 0, (size_t)set->cap * sizeof(void *));
  set->len = 0;
}

/* Adds P; true if it was not in the set. */
static bool first_sight(PointerSet *set, const void *p) {
  if (2 * (set->len + 1) > set->cap) {
    PointerSet bigger = {calloc((size_t)MAX(64, 2 * set->cap), sizeof(void *)), 0, 0};
    if (!bigger.slots)
      abort();
    bigger.cap = MAX(64, 2 * set->cap);
    for (i64 i = 0; i < set->cap; i++)
      if (set->slots[i])
        first_sight(&bigger, set->slots[i]);
    free(set->slots);
    *set = bigger;
  }
  u64 i = ((uintptr_t)p >> 4) * 0x9e3779b97f4a7c15ull;
  for (;; i++) {
    const void **slot = &set->slots[i & (u64)(set->cap - 1)];
    if (*slot == p)
      return false;
    if (!*slot) {
      *slot = p;
      set->len++;
      return true;
    }
  }
}

void print_dependencies(Ctx *ctx) {
  if (!ctx->opt.print_dependencies)
    return;
  printf("# --print-dependencies: SECTION, then the section (or file) that defines a\n"
         "# symbol SECTION uses, u or w (weak reference), and the symbol; tab-separated.\n");
  PointerSet seen = {0};
  for (i64 i = 0; i < ctx->objs.len; i++) {
    InputFile *f = ctx->objs.data[i];
    for (i64 k = 0; f->sections && k < f->nshdrs; k++) {
      InputSection *isec = f->sections[k];
      if (!isec || !isec->is_alive)
        continue;
      clear_pointer_set(&seen); /* each symbol once per section */
      for (i64 r = 0; r < isec->nrels; r++) {
        u64 idx = ELF64_R_SYM(isec->rels[r].r_info);
        if (idx == 0 || idx >= (u64)f->nsyms || f->esyms[idx].st_shndx != SHN_UNDEF)
          continue;
        Symbol *sym = f->syms[idx];
        if (sym->file && sym->file != f && first_sight(&seen, sym))
          print_dependency(ctx, f->name, isec->name, sym,
                           ELF64_ST_BIND(f->esyms[idx].st_info) == STB_WEAK);
      }
    }
  }
  free(seen.slots);
  for (i64 i = 0; i < ctx->dsos.len; i++) {
    InputFile *f = ctx->dsos.data[i];
    for (i64 k = f->first_global; k < f->nsyms; k++) {
      Symbol *sym = f->syms[k];
      if (f->esyms[k].st_shndx == SHN_UNDEF && sym && sym->file && sym->file != f)
        print_dependency(ctx, f->name, NULL, sym, ELF64_ST_BIND(f->esyms[k].st_info) == STB_WEAK);
    }
  }
  fflush(stdout);
}

/* -t/--trace: every object, archive member ("archive(member)") and shared object the
 * link uses, in command-line order, as lld prints them. */
void print_trace(Ctx *ctx) {
  if (!ctx->opt.trace)
    return;
  i64 o = 0, d = 0;
  while (o < ctx->objs.len || d < ctx->dsos.len) {
    bool obj_first = d >= ctx->dsos.len || (o < ctx->objs.len && ctx->objs.data[o]->priority <
                                                                     ctx->dsos.data[d]->priority);
    InputFile *f = obj_first ? ctx->objs.data[o++] : ctx->dsos.data[d++];
    if (f->kind != FILE_INTERNAL)
      printf("%s\n", f->name);
  }
  fflush(stdout);
}

/* --warn-backrefs (lld): an archive member extracted by a file that comes after its
 * archive on the command line. GNU ld reads each archive once, where it stands, and
 * would have refused the link (unless both are in one --start-group). A member pulled
 * by another member of its own archive is fine: GNU ld rescans an archive until it
 * extracts nothing more. */
void warn_backward_references(Ctx *ctx) {
  if (!ctx->opt.warn_backrefs)
    return;
  for (i64 i = 0; i < ctx->objs.len; i++) {
    InputFile *f = ctx->objs.data[i], *by = f->extracted_from_file;
    if (!f->archive_name || !by || by->priority < f->priority)
      continue;
    if ((f->group && f->group == by->group) ||
        (by->archive_name && !strcmp(by->archive_name, f->archive_name)))
      continue;
    bool excluded = false;
    for (i64 k = 0; k < ctx->opt.warn_backrefs_exclude.len && !excluded; k++)
      excluded = !fnmatch(ctx->opt.warn_backrefs_exclude.data[k], f->archive_name, 0);
    if (!excluded)
      warn(ctx, "backward reference detected: %s in %s refers to %s",
           f->extracted_by ? f->extracted_by : "a symbol", by->name, f->name);
  }
}

/* --print-memory-usage: one line per MEMORY region; rivet's links have none, so only the
 * heading, as GNU ld prints without MEMORY. */
void print_memory_usage(Ctx *ctx) {
  if (ctx->opt.print_memory_usage)
    printf("Memory region         Used Size  Region Size  %%age Used\n");
}

void record_explain_ref(Ctx *ctx, ExplainRef r) {
  vec_push(&ctx->explain_refs, r);
}

static const char *visibility_name(u8 v) {
  switch (v) {
  case STV_PROTECTED:
    return "PROTECTED";
  case STV_HIDDEN:
    return "HIDDEN";
  case STV_INTERNAL:
    return "INTERNAL";
  default:
    return "DEFAULT";
  }
}

static const char *type_name(u8 t) {
  switch (t) {
  case STT_FUNC:
    return "FUNC";
  case STT_OBJECT:
    return "OBJECT";
  case STT_TLS:
    return "TLS";
  case STT_GNU_IFUNC:
    return "IFUNC";
  case STT_SECTION:
    return "SECTION";
  default:
    return "NOTYPE";
  }
}

static void explain_one(Ctx *ctx, Symbol *sym) {
  printf("ld.rivet: explain: symbol '%s'\n", sym->name);
  if (!sym->file) {
    printf("  definition: none (undefined%s)\n", sym->has_strong_ref ? "" : " weak");
  } else {
    const char *bind = sym->binding == STB_WEAK         ? "WEAK"
                       : sym->binding == STB_GNU_UNIQUE ? "UNIQUE"
                                                        : "GLOBAL";
    const char *ver = sym->is_imported ? dso_version_name(sym->file, sym->sym_idx) : NULL;
    printf("  definition: %s%s, %s %s, visibility %s, size %lu%s%s\n", sym->file->name,
           sym->is_imported ? " (shared object)" : "", bind, type_name(sym->type),
           visibility_name(sym->visibility), (unsigned long)sym->size, ver ? ", version " : "",
           ver ? ver : "");
    if (sym->dso_protected)
      printf("  the shared object defines it with STV_PROTECTED\n");
  }
  const char *why = global_symbol(sym)->preempt_reason;
  printf("  preemptible: %s (%s)\n", sym->is_preemptible ? "yes" : "no",
         why ? why : "not dynamic: static link");
  printf("  exported in .dynsym: %s\n", sym->dynsym_idx > 0 ? "yes" : "no");
  i64 n = 0;
  for (i64 i = 0; i < ctx->explain_refs.len; i++) {
    ExplainRef *r = &ctx->explain_refs.data[i];
    if (r->sym != sym)
      continue;
    if (n++ == 0)
      printf("  references:\n");
    printf("    %s from %s:(%s+0x%lx): %s\n", ctx->arch->reloc_name(r->r_type), r->isec->file->name,
           r->isec->name, (unsigned long)r->offset, describe_reference(ctx, r));
  }
  if (n == 0)
    printf("  references: none from relocations\n");
}

/* --explain-symbol=GLOB: for each matching symbol, where it is defined, whether it is
 * preemptible here and why, and what each reference to it became. */
void print_explanations(Ctx *ctx) {
  if (!ctx->opt.explain_symbols.len)
    return;
  VEC(Symbol *) seen = {0};
  for (i64 i = 0; i < ctx->explain_refs.len; i++) {
    Symbol *s = ctx->explain_refs.data[i].sym;
    bool dup = false;
    for (i64 k = 0; k < seen.len && !dup; k++)
      dup = seen.data[k] == s;
    if (!dup)
      vec_push(&seen, s);
  }
  /* Symbols that match but have no relocation against them, in input order. */
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = f->first_global; f->syms && i < f->nsyms; i++) {
      Symbol *s = f->syms[i];
      bool dup = !s->explain;
      for (i64 k = 0; k < seen.len && !dup; k++)
        dup = seen.data[k] == s;
      if (!dup)
        vec_push(&seen, s);
    }
  }
  for (i64 i = 0; i < seen.len; i++)
    explain_one(ctx, seen.data[i]);
  free(seen.data);
  fflush(stdout);
}

static int compare_paths(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A make target name: spaces and '#' escaped, '$' doubled (GNU make's rules). */
static void print_make_name(FILE *out, const char *s) {
  for (; *s; s++) {
    if (*s == ' ' || *s == '#')
      fputc('\\', out);
    else if (*s == '$')
      fputc('$', out);
    fputc(*s, out);
  }
}

/* --dependency-file: "OUTPUT: INPUTS", then an empty rule per input so that make does
 * not fail when one disappears (GNU ld's and lld's format). Every file the link read,
 * once, sorted: threads may read them in any order. */
void write_dependency_file(Ctx *ctx) {
  const char *path = ctx->opt.dependency_file;
  if (!path)
    return;
  i64 n = ctx->mappings.len;
  const char **paths = malloc((size_t)MAX(n, 1) * sizeof(char *));
  if (!paths)
    fatal(ctx, "out of memory");
  for (i64 i = 0; i < n; i++)
    paths[i] = ctx->mappings.data[i]->path;
  qsort(paths, (size_t)n, sizeof(char *), compare_paths);
  FILE *out = fopen(path, "w");
  if (!out) {
    error(ctx, "cannot open --dependency-file %s: %s", path, strerror(errno));
    free(paths);
    return;
  }
  print_make_name(out, ctx->opt.output);
  fputc(':', out);
  for (i64 i = 0; i < n; i++)
    if (i == 0 || strcmp(paths[i], paths[i - 1])) {
      fputs(" \\\n  ", out);
      print_make_name(out, paths[i]);
    }
  fputc('\n', out);
  for (i64 i = 0; i < n; i++)
    if (i == 0 || strcmp(paths[i], paths[i - 1])) {
      fputc('\n', out);
      print_make_name(out, paths[i]);
      fputs(":\n", out);
    }
  if (fclose(out))
    error(ctx, "cannot write --dependency-file %s: %s", path, strerror(errno));
  free(paths);
}

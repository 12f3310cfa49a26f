/* Sections the linker makes itself (headers, GOT, .iplt, notes, .comment, symbol
 * tables) and the symbols it defines (__ehdr_start, _end, __start_SEC, ...).
 * Linker-defined symbols are only defined when some object references them and no
 * object defines them, as GNU ld's PROVIDE does. */
#include "arch.h"
#include "rivet.h"

#include <ctype.h>

#include <stdlib.h>

Chunk *new_chunk(Ctx *ctx, ChunkKind kind, const char *name, u32 type, u64 flags, u64 align) {
  Chunk *c = ARENA_NEW(&ctx->arena, Chunk);
  c->kind = kind;
  c->name = name;
  c->shdr.sh_type = type;
  c->shdr.sh_flags = flags;
  c->shdr.sh_addralign = align;
  c->order = ctx->chunks.len;
  vec_push(&ctx->chunks, c);
  return c;
}

/* Chunks that exist before input sections are binned, so that .comment pieces can be
 * merged into ours. */
void create_early_chunks(Ctx *ctx) {
  ctx->comment = new_chunk(ctx, CK_COMMENT, ".comment", SHT_PROGBITS, SHF_MERGE | SHF_STRINGS, 1);
  ctx->comment->shdr.sh_entsize = 1;
  ctx->comment->merge_entsize = 1;
}

/* -z cet-report=, -z lam-report= (and the lam-u48/u57 ones): the objects that lack a
 * feature bit of X86_FEATURE_1_AND, as a warning or an error (GNU ld's words). */
static void report_missing_features(Ctx *ctx) {
  static const struct {
    u32 bit;
    const char *name;
  } features[] = {{1u, "IBT"}, {2u, "SHSTK"}, {4u, "LAM_U48"}, {8u, "LAM_U57"}};
  for (int level = 0; level < 2; level++) { /* 0: warning, 1: error */
    u32 bits = ctx->opt.feature_reports[level];
    for (i64 i = 0; bits && i < ctx->objs.len; i++) {
      InputFile *f = ctx->objs.data[i];
      if (f->kind != FILE_OBJ)
        continue;
      u32 have = f->has_feature_note ? f->gnu_property_and : 0;
      char missing[64] = "";
      for (size_t k = 0; k < ARRAY_SIZE(features); k++)
        if ((bits & features[k].bit) && !(have & features[k].bit))
          snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                   missing[0] ? " and " : "", features[k].name);
      if (missing[0])
        (level ? error : warn)(ctx, "%s: missing %s propert%s", f->name, missing,
                               strchr(missing, ' ') ? "ies" : "y");
    }
  }
}

void merge_gnu_properties(Ctx *ctx) {
  /* x86 feature bits: IBT/SHSTK only if every object has them (AND); ISA level needed
   * is the OR of all objects (x86-64 psABI "Program Property"). */
  u32 and_bits = ~0u, isa = 0;
  bool all_have_and = ctx->objs.len > 0, any_isa = false;
  for (i64 i = 0; i < ctx->objs.len; i++) {
    InputFile *f = ctx->objs.data[i];
    if (f->has_feature_note)
      and_bits &= f->gnu_property_and;
    else
      all_have_and = false;
    if (f->isa_needed) {
      isa |= f->isa_needed;
      any_isa = true;
    }
  }
  report_missing_features(ctx);
  and_bits = all_have_and ? and_bits : 0;
  /* -z ibt / -z shstk / -z lam-* mark the output whatever the inputs say (GNU ld). */
  and_bits |= (ctx->opt.z_ibt ? 1u : 0) | (ctx->opt.z_shstk ? 2u : 0) | ctx->opt.feature_and_forced;
  u32 needed = ctx->opt.z_indirect_extern_access ? GNU_PROPERTY_1_NEEDED_INDIRECT_EXTERN_ACCESS : 0;
  for (i64 i = 0; i < ctx->objs.len; i++)
    needed |= ctx->objs.data[i]->property_1_needed;
  ctx->property_1_needed = needed;
  ctx->gnu_property_and = and_bits;
  ctx->emit_feature_and = and_bits != 0;
  /* An IBT output needs endbr64 at every PLT entry a call can reach (GNU ld uses its
   * IBT PLT then, and for -z ibtplt). */
  ctx->ibt_plt = ctx->arch->plt_sec_entry_size && (ctx->opt.z_ibtplt || (and_bits & 1u));
  ctx->isa_needed = isa | ctx->opt.isa_needed_forced;
  ctx->emit_isa_needed = any_isa || ctx->opt.isa_needed_forced;
}

void create_synthetic_sections(Ctx *ctx) {
  ctx->ehdr = new_chunk(ctx, CK_EHDR, "", SHT_NULL, SHF_ALLOC, 8);
  ctx->ehdr->shdr.sh_size = sizeof(Elf64_Ehdr);
  ctx->phdr = new_chunk(ctx, CK_PHDR, "", SHT_NULL, SHF_ALLOC, 8);
  ctx->got = new_chunk(ctx, CK_GOT, ".got", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 8);
  ctx->got->is_relro = ctx->opt.z_relro;
  ctx->gotplt = new_chunk(ctx, CK_GOTPLT, ".got.plt", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 8);
  ctx->iplt = new_chunk(ctx, CK_IPLT, ".iplt", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 16);
  /* GNU ld names the static IRELATIVE table .rela.plt; glibc finds it through
   * __rela_iplt_start/__rela_iplt_end. */
  ctx->rela_iplt =
      new_chunk(ctx, CK_RELA_IPLT, ".rela.plt", SHT_RELA, SHF_ALLOC | SHF_INFO_LINK, 8);
  ctx->rela_iplt->shdr.sh_entsize = sizeof(Elf64_Rela);
  if (ctx->opt.eh_frame_hdr && !ctx->opt.traditional_format)
    ctx->eh_frame_hdr =
        new_chunk(ctx, CK_EH_FRAME_HDR, ".eh_frame_hdr", SHT_PROGBITS, SHF_ALLOC, 4);
  if (ctx->opt.build_id != BUILD_ID_NONE)
    ctx->build_id = new_chunk(ctx, CK_BUILD_ID, ".note.gnu.build-id", SHT_NOTE, SHF_ALLOC, 4);
  create_dynamic_sections(ctx);
  if (ctx->opt.package_metadata) {
    /* --package-metadata: a .note.package note, owner "FDO", type 0xcafe1a7e, holding
     * the JSON text (systemd's "Package Metadata for Executable Files"). */
    const char *json = ctx->opt.package_metadata;
    u64 desc = strlen(json) + 1;
    u64 size = 16 + align_to(desc, 4);
    u8 *b = arena_alloc(&ctx->arena, (i64)size, 4);
    wr32(b, 4);
    wr32(b + 4, (u32)desc);
    wr32(b + 8, 0xcafe1a7e);
    memcpy(b + 12, "FDO", 4);
    memcpy(b + 16, json, desc);
    Chunk *c = new_chunk(ctx, CK_BLOB, ".note.package", SHT_NOTE, SHF_ALLOC, 4);
    c->blob = b;
    c->shdr.sh_size = size;
  }
  ctx->gnu_property = new_chunk(ctx, CK_GNU_PROPERTY, ".note.gnu.property", SHT_NOTE, SHF_ALLOC, 8);
  if (!ctx->opt.strip_all) {
    ctx->symtab_chunk = new_chunk(ctx, CK_SYMTAB, ".symtab", SHT_SYMTAB, 0, 8);
    ctx->symtab_chunk->shdr.sh_entsize = sizeof(Elf64_Sym);
    ctx->strtab = new_chunk(ctx, CK_STRTAB, ".strtab", SHT_STRTAB, 0, 1);
  }
  ctx->shstrtab = new_chunk(ctx, CK_SHSTRTAB, ".shstrtab", SHT_STRTAB, 0, 1);
  ctx->shdr = new_chunk(ctx, CK_SHDR, "", SHT_NULL, 0, 8);

  merge_gnu_properties(ctx);
  i64 nprops = ctx->emit_feature_and + ctx->emit_isa_needed + (ctx->property_1_needed != 0);
  ctx->gnu_property->shdr.sh_size = nprops ? 16 + 16 * (u64)nprops : 0;
}

/* GNU ld's default script assigns these outright (not PROVIDE): the values a linked
 * image read with --just-symbols has for them never stand for the output's own. */
static bool replaces_just_symbols_definition(Ctx *ctx, const Symbol *sym) {
  if (!sym->file || !sym->file->just_symbols)
    return false;
  if (strcmp(sym->name, "_edata") && strcmp(sym->name, "_end") && strcmp(sym->name, "__bss_start"))
    return false;
  if (ctx->opt.disable_multiple_abs_defs)
    warn(ctx, "multiple definition of `%s': the linker's replaces the one in %s", sym->name,
         sym->file->name);
  return true;
}

/* Defines NAME if it is referenced and not defined by any object, with at most the
 * visibility VIS (a reference may constrain it more). */
static Symbol *provide(Ctx *ctx, const char *name, u8 type, u8 vis) {
  Symbol *sym = find_symbol(ctx, name);
  /* A shared object's definition does not count: the output's own section is what a
   * reference here means (GNU ld and lld define the symbol anyway). */
  if (!sym || (symbol_is_defined(sym) && sym->rank != RANK_DSO &&
               !replaces_just_symbols_definition(ctx, sym)))
    return NULL;
  sym->dso_protected = false;
  sym->file = ctx->internal_file;
  sym->rank = RANK_DEFINED;
  sym->binding = STB_GLOBAL;
  sym->type = type;
  global_symbol(sym)->lazy_file = NULL;
  sym->is_defined_by_linker = true;
  sym->is_abs = false;
  sym->sym_idx = -1;
  if (sym->visibility == STV_DEFAULT)
    sym->visibility = vis;
  vec_push(&ctx->linker_syms, sym);
  return sym;
}

/* Defined hidden, as by GNU ld's PROVIDE_HIDDEN: they never leave the output. */
static const char *const linker_symbol_names[] = {
    "__ehdr_start",
    "__executable_start",
    "_etext",
    "etext",
    "__etext",
    "_edata",
    "edata",
    "_end",
    "end",
    "__bss_start",
    "__init_array_start",
    "__init_array_end",
    "__fini_array_start",
    "__fini_array_end",
    "__preinit_array_start",
    "__preinit_array_end",
    "__rela_iplt_start",
    "__rela_iplt_end",
    "_GLOBAL_OFFSET_TABLE_",
    "__GNU_EH_FRAME_HDR",
    "__dso_handle",
};

/* --defsym NAME=EXPRESSION: GNU ld's script expressions without "." (which is 0 on
 * the command line): numbers (with K/M suffixes), symbols, + - * / % << >> & | ~ ! and
 * parentheses, ALIGN, ABSOLUTE, MAX, MIN, DEFINED, CONSTANT(MAXPAGESIZE|COMMONPAGESIZE).
 * A value is a symbol plus an offset (the symbol only through + and -) or absolute. */
typedef struct ExprValue {
  Symbol *base; /* NULL: absolute */
  i64 off;
} ExprValue;

typedef struct ExprParser {
  Ctx *ctx;
  const char *p, *text;
  bool failed;
} ExprParser;

static ExprValue parse_or(ExprParser *e);

static void skip_spaces(ExprParser *e) {
  while (*e->p == ' ' || *e->p == '\t')
    e->p++;
}

static bool accept(ExprParser *e, const char *tok) {
  skip_spaces(e);
  size_t n = strlen(tok);
  if (strncmp(e->p, tok, n))
    return false;
  e->p += n;
  return true;
}

static void expect(ExprParser *e, const char *tok) {
  if (!accept(e, tok) && !e->failed) {
    error(e->ctx, "--defsym: expected '%s' at '%s' in %s", tok, e->p, e->text);
    e->failed = true;
  }
}

static i64 absolute(ExprParser *e, ExprValue v) {
  if (v.base && !e->failed) {
    error(e->ctx, "--defsym: %s: '%s' can only be added to or subtracted from", e->text,
          v.base->name);
    e->failed = true;
  }
  return v.off;
}

static bool is_name_char(char c) {
  return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '$' || c == '@';
}

static ExprValue parse_primary(ExprParser *e) {
  skip_spaces(e);
  Ctx *ctx = e->ctx;
  if (accept(e, "(")) {
    ExprValue v = parse_or(e);
    expect(e, ")");
    return v;
  }
  if (isdigit((unsigned char)*e->p)) {
    char *end;
    u64 v = strtoull(e->p, &end, 0);
    if (*end == 'K' || *end == 'k')
      v <<= 10, end++;
    else if (*end == 'M' || *end == 'm')
      v <<= 20, end++;
    e->p = end;
    return (ExprValue){NULL, (i64)v};
  }
  const char *start = e->p;
  while (is_name_char(*e->p))
    e->p++;
  if (e->p == start) {
    if (!e->failed)
      error(ctx, "--defsym: %s: unexpected %s%s%s", e->text, *start ? "'" : "end of expression",
            start, *start ? "'" : "");
    e->failed = true;
    return (ExprValue){0};
  }
  char *name = arena_strndup(&ctx->arena, start, e->p - start);
  if (accept(e, "(")) {
    ExprValue a = {0}, b = {0};
    if (!strcmp(name, "DEFINED")) {
      skip_spaces(e);
      const char *s = e->p;
      while (is_name_char(*e->p))
        e->p++;
      Symbol *sym = find_symbol(ctx, arena_strndup(&ctx->arena, s, e->p - s));
      expect(e, ")");
      return (ExprValue){NULL, sym && symbol_is_defined(sym)};
    }
    if (!strcmp(name, "CONSTANT")) {
      bool max = accept(e, "MAXPAGESIZE");
      if (!max)
        expect(e, "COMMONPAGESIZE");
      expect(e, ")");
      return (ExprValue){NULL, (i64)(max ? ctx->opt.max_page_size : ctx->opt.common_page_size)};
    }
    a = parse_or(e);
    bool two = accept(e, ",");
    if (two)
      b = parse_or(e);
    expect(e, ")");
    if (!strcmp(name, "ABSOLUTE"))
      return a;
    if (!strcmp(name,
                "ALIGN")) /* "." is 0 outside a script: ALIGN(x) is 0, ALIGN(a, x) a aligned */
      return two ? (ExprValue){NULL, (i64)align_to((u64)absolute(e, a), (u64)absolute(e, b))}
                 : (ExprValue){NULL, 0};
    if ((!strcmp(name, "MAX") || !strcmp(name, "MIN")) && two) {
      i64 x = absolute(e, a), y = absolute(e, b);
      return (ExprValue){NULL, !strcmp(name, "MAX") ? MAX(x, y) : MIN(x, y)};
    }
    if (!e->failed)
      error(ctx, "--defsym: unsupported function %s in %s", name, e->text);
    e->failed = true;
    return (ExprValue){0};
  }
  Symbol *sym = find_symbol(ctx, name);
  if (!sym) {
    if (!e->failed)
      error(ctx, "--defsym: %s: undefined symbol '%s'", e->text, name);
    e->failed = true;
    return (ExprValue){0};
  }
  return (ExprValue){sym, 0};
}

static ExprValue parse_unary(ExprParser *e) {
  if (accept(e, "-"))
    return (ExprValue){NULL, -absolute(e, parse_unary(e))};
  if (accept(e, "~"))
    return (ExprValue){NULL, ~absolute(e, parse_unary(e))};
  if (accept(e, "!"))
    return (ExprValue){NULL, !absolute(e, parse_unary(e))};
  return parse_primary(e);
}

static ExprValue parse_mul(ExprParser *e) {
  ExprValue v = parse_unary(e);
  for (;;) {
    char op = accept(e, "*") ? '*' : accept(e, "/") ? '/' : accept(e, "%") ? '%' : 0;
    if (!op)
      return v;
    i64 a = absolute(e, v), b = absolute(e, parse_unary(e));
    if ((op == '/' || op == '%') && b == 0) {
      if (!e->failed)
        error(e->ctx, "--defsym: division by zero in %s", e->text);
      e->failed = true;
      return (ExprValue){0};
    }
    v = (ExprValue){NULL, op == '*' ? a * b : op == '/' ? a / b : a % b};
  }
}

static ExprValue parse_add(ExprParser *e) {
  ExprValue v = parse_mul(e);
  for (;;) {
    bool plus = accept(e, "+");
    if (!plus && !accept(e, "-"))
      return v;
    ExprValue r = parse_mul(e);
    if (plus && !v.base && r.base)
      v = (ExprValue){r.base, v.off + r.off};
    else if (!plus && v.base && r.base == v.base)
      v = (ExprValue){NULL, v.off - r.off}; /* the distance between two places of one symbol */
    else
      v.off = plus ? v.off + absolute(e, r) : v.off - absolute(e, r);
  }
}

static ExprValue parse_shift(ExprParser *e) {
  ExprValue v = parse_add(e);
  for (;;) {
    bool left = accept(e, "<<");
    if (!left && !accept(e, ">>"))
      return v;
    i64 a = absolute(e, v), b = absolute(e, parse_add(e));
    v = (ExprValue){NULL, left ? (i64)((u64)a << (b & 63)) : (i64)((u64)a >> (b & 63))};
  }
}

static ExprValue parse_and(ExprParser *e) {
  ExprValue v = parse_shift(e);
  while (!(skip_spaces(e), e->p[0] == '&' && e->p[1] == '&') && accept(e, "&"))
    v = (ExprValue){NULL, absolute(e, v) & absolute(e, parse_shift(e))};
  return v;
}

static ExprValue parse_or(ExprParser *e) {
  ExprValue v = parse_and(e);
  while (!(skip_spaces(e), e->p[0] == '|' && e->p[1] == '|') && accept(e, "|"))
    v = (ExprValue){NULL, absolute(e, v) | absolute(e, parse_and(e))};
  return v;
}

static void create_internal_file(Ctx *ctx) {
  InputFile *f = ARENA_NEW(&ctx->arena, InputFile);
  f->kind = FILE_INTERNAL;
  f->name = "<internal>";
  f->priority = ctx->next_priority++;
  f->is_alive = true;
  ctx->internal_file = f;
}

void add_linker_defined_symbols(Ctx *ctx) {
  create_internal_file(ctx);
  for (i64 i = 0; i < ARRAY_SIZE(linker_symbol_names); i++)
    provide(ctx, linker_symbol_names[i], STT_NOTYPE, STV_HIDDEN);
  provide(ctx, "_TLS_MODULE_BASE_", STT_TLS, STV_HIDDEN);
  if (ctx->is_dynamic || ctx->opt.kind != OUT_EXEC)
    provide(ctx, "_DYNAMIC", STT_NOTYPE, STV_HIDDEN);
  ctx->sym_gotp = find_symbol(ctx, "_GLOBAL_OFFSET_TABLE_");
  define_defsym_symbols(ctx);
}

/* --defsym NAME=EXPRESSION: an absolute symbol, or one relative to another symbol's
 * definition. In -r (relocatable.c) these are the only symbols the linker defines,
 * as in GNU ld. */
void define_defsym_symbols(Ctx *ctx) {
  if (!ctx->internal_file)
    create_internal_file(ctx);
  for (i64 i = 0; i < ctx->opt.defsyms.len; i++) {
    const char *d = ctx->opt.defsyms.data[i];
    const char *eq = strchr(d, '=');
    if (!eq) {
      error(ctx, "--defsym: expected NAME=VALUE: %s", d);
      continue;
    }
    char *name = arena_alloc(&ctx->arena, eq - d + 1, 1);
    memcpy(name, d, (size_t)(eq - d));
    ExprParser e = {ctx, eq + 1, eq + 1, false};
    ExprValue v = parse_or(&e);
    skip_spaces(&e);
    if (!e.failed && *e.p)
      error(ctx, "--defsym: unexpected '%s' in %s", e.p, eq + 1), e.failed = true;
    if (e.failed)
      continue;
    Symbol *sym = intern_symbol(ctx, name);
    if (v.base) {
      /* The symbol's definition, moved by the offset (GNU ld: relative to its section).
       * An alias of an object's definition is a symbol of its own in .symtab and, by
       * the usual rules, .dynsym, with size 0 (GNU ld, lld): listed with the linker's
       * symbols, as the file that defines the original lists only that. */
      bool object_definition = v.base->file && v.base->file->kind == FILE_OBJ &&
                               (v.base->isec || v.base->is_abs);
      *sym = *v.base;
      sym->name = name;
      sym->value += (u64)v.off;
      if (ctx->opt.relocatable || object_definition) {
        sym->is_defined_by_linker = true;
        vec_push(&ctx->linker_syms, sym);
      }
      if (object_definition)
        sym->size = 0;
      continue;
    }
    sym->file = ctx->internal_file;
    sym->rank = RANK_DEFINED;
    sym->type = STT_NOTYPE; /* a number, whatever the name was before (GNU ld) */
    sym->size = 0;
    sym->is_abs = true;
    sym->value = (u64)v.off;
    sym->isec = NULL;
    sym->sym_idx = -1;
    sym->is_defined_by_linker = true;
    vec_push(&ctx->linker_syms, sym);
  }
}

/* __start_SEC and __stop_SEC bracket an output section whose name is a C identifier,
 * so that C code can walk a table the linker assembled from many objects. Their
 * visibility is GNU ld's default, protected (-z start-stop-visibility): a shared
 * object exports them, and an executable does when a library refers to them. */
void add_section_bracket_symbols(Ctx *ctx) {
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = 0; f->has_c_named_section && i < f->nshdrs; i++) {
      InputSection *isec = f->sections[i];
      if (!isec || !(isec->flags & SHF_ALLOC))
        continue;
      /* A C identifier has no '.', and a name without one is its own output name. */
      const char *name = isec->name;
      if (!is_c_identifier(name))
        continue;
      u8 vis = ctx->opt.start_stop_visibility;
      provide(ctx, arena_sprintf(&ctx->arena, "__start_%s", name), STT_NOTYPE, vis);
      provide(ctx, arena_sprintf(&ctx->arena, "__stop_%s", name), STT_NOTYPE, vis);
    }
  }
}

static Chunk *find_chunk(Ctx *ctx, const char *name) {
  for (i64 i = 0; i < ctx->chunks.len; i++)
    if (!strcmp(ctx->chunks.data[i]->name, name) && ctx->chunks.data[i]->kind != CK_EHDR)
      return ctx->chunks.data[i];
  return NULL;
}

static void set_sym(Ctx *ctx, const char *name, Chunk *c, u64 value) {
  Symbol *sym = find_symbol(ctx, name);
  if (!sym || !sym->is_defined_by_linker || sym->is_abs)
    return;
  sym->chunk = c;
  sym->value = value;
}

static void set_bracket(Ctx *ctx, const char *start, const char *end, const char *section,
                        Chunk *fallback) {
  Chunk *c = find_chunk(ctx, section);
  if (!c)
    c = fallback;
  set_sym(ctx, start, c, 0);
  set_sym(ctx, end, c, c == fallback && !find_chunk(ctx, section) ? 0 : c->shdr.sh_size);
}

/* After layout: every linker-defined symbol gets a chunk and an offset in it. */
void fix_linker_symbols(Ctx *ctx) {
  Chunk *first_rw = NULL, *last_rx = NULL, *last_alloc = NULL, *first_bss = NULL, *last_data = NULL;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    u64 fl = c->shdr.sh_flags;
    if (!(fl & SHF_ALLOC) || c->is_tbss)
      continue;
    if (c->shdr.sh_size == 0 && c->kind != CK_EHDR)
      continue;
    last_alloc = c;
    if (fl & SHF_EXECINSTR)
      last_rx = c;
    if ((fl & SHF_WRITE) && !first_rw)
      first_rw = c;
    if (c->shdr.sh_type == SHT_NOBITS) {
      if ((fl & SHF_WRITE) && !first_bss)
        first_bss = c;
    } else {
      last_data = c;
    }
  }
  set_sym(ctx, "__ehdr_start", ctx->ehdr, 0);
  set_sym(ctx, "__executable_start", ctx->ehdr, 0);
  if (last_rx) {
    set_sym(ctx, "_etext", last_rx, last_rx->shdr.sh_size);
    set_sym(ctx, "etext", last_rx, last_rx->shdr.sh_size);
    set_sym(ctx, "__etext", last_rx, last_rx->shdr.sh_size);
  }
  if (last_data) {
    set_sym(ctx, "_edata", last_data, last_data->shdr.sh_size);
    set_sym(ctx, "edata", last_data, last_data->shdr.sh_size);
  }
  if (last_alloc) {
    set_sym(ctx, "_end", last_alloc, last_alloc->shdr.sh_size);
    set_sym(ctx, "end", last_alloc, last_alloc->shdr.sh_size);
  }
  if (first_bss)
    set_sym(ctx, "__bss_start", first_bss, 0);
  else if (last_data)
    set_sym(ctx, "__bss_start", last_data, last_data->shdr.sh_size);
  Chunk *relro_anchor = ctx->got;
  set_bracket(ctx, "__init_array_start", "__init_array_end", ".init_array", relro_anchor);
  set_bracket(ctx, "__fini_array_start", "__fini_array_end", ".fini_array", relro_anchor);
  set_bracket(ctx, "__preinit_array_start", "__preinit_array_end", ".preinit_array", relro_anchor);
  /* Only a static program applies its own IRELATIVE relocations (glibc's apply_irel);
   * in a dynamic one the loader does, and the range must look empty. */
  set_sym(ctx, "__rela_iplt_start", ctx->rela_iplt, 0);
  set_sym(ctx, "__rela_iplt_end", ctx->rela_iplt,
          ctx->is_dynamic ? 0 : ctx->rela_iplt->shdr.sh_size);
  if (ctx->dynamic)
    set_sym(ctx, "_DYNAMIC", ctx->dynamic, 0);
  set_sym(ctx, "_GLOBAL_OFFSET_TABLE_", ctx->gotplt, 0);
  if (ctx->eh_frame_hdr)
    set_sym(ctx, "__GNU_EH_FRAME_HDR", ctx->eh_frame_hdr, 0);
  /* A static executable has no DSO handle of its own; crtbegin normally defines it. */
  set_sym(ctx, "__dso_handle", ctx->ehdr, 0);
  Symbol *tmb = find_symbol(ctx, "_TLS_MODULE_BASE_");
  if (tmb && tmb->is_defined_by_linker) {
    /* In an executable DTPOFF relocations become TP offsets (the module is the main
     * program), so the module base a TLSDESC local-dynamic access adds them to must be
     * the thread pointer itself: its TP offset is 0. In a shared object it is the
     * start of the module's TLS block: its descriptor's offset is 0. */
    tmb->is_abs = true;
    tmb->value = ctx->opt.kind == OUT_SHARED ? ctx->tls_begin : tls_tp_address(ctx);
  }
  for (i64 i = 0; i < ctx->linker_syms.len; i++) {
    Symbol *sym = ctx->linker_syms.data[i];
    if (starts_with(sym->name, "__start_") || starts_with(sym->name, "__stop_")) {
      bool is_start = starts_with(sym->name, "__start_");
      Chunk *c = find_chunk(ctx, sym->name + (is_start ? 8 : 7));
      if (c) {
        sym->chunk = c;
        sym->value = is_start ? 0 : c->shdr.sh_size;
      }
    }
    if (!sym->chunk && !sym->is_abs && !sym->isec) {
      /* Referenced but with nothing to point at (an empty section): absolute 0, as
       * GNU ld resolves an unmatched PROVIDE. */
      sym->is_abs = true;
      sym->value = 0;
    }
  }
  (void)first_rw;
}

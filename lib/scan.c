/* The relocation scan and the decision table of DESIGN.md sec. 5.
 *
 * decide() is the one place that says what a relocation needs, from three facts:
 * the relocation's kind (RelKind), the state of its symbol (local to the output,
 * absolute, defined in a shared object...), and the output mode (PDE: non-PIE
 * executable, PIE). It is asked twice: by scan_relocations, which records what
 * symbols need (GOT, PLT, COPY/canonical PLT) as flags, and, after entries are
 * allocated, by collect_dynamic_relocations, which lists the dynamic relocations.
 * In between, a copy relocation or canonical PLT entry gives a shared object's
 * symbol an address in the output, which turns it into a local one (state LOC). */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

typedef enum {
  ST_LOC,   /* defined in the output, not preemptible */
  ST_ABS,   /* absolute: SHN_ABS, or an undefined weak bound to 0 */
  ST_PRE,   /* -shared: defined here, default visibility, exported, interposable */
  ST_DYNU,  /* undefined, left to the loader: -shared, or an executable's weak one */
  ST_DSO_D, /* data object of a shared object */
  ST_DSO_F, /* function of a shared object */
  ST_DSO_P, /* either, made STV_PROTECTED by its shared object */
} SymState;

typedef enum {
  A_CONST,     /* link-time constant: nothing dynamic */
  A_RELATIVE,  /* the arch's RELATIVE relocation at the place */
  A_SYMBOLIC,  /* the word-sized absolute relocation with the symbol, at run time */
  A_GOT,       /* a GOT slot (its own relocation follows the symbol's state) */
  A_PLT,       /* a PLT entry */
  A_CANONICAL, /* COPY (data) or canonical PLT entry (function) */
  A_ERR_PIC,   /* cannot be expressed at run time: recompile with -fPIC */
  A_ERR_PROT,  /* would give a protected symbol a second address */
  A_ERR_ABS,   /* PC-relative reference to an absolute symbol in a PIE */
  A_TLS,       /* handled by scan_tls */
  A_IPLT,      /* a non-preemptible IFUNC, through .iplt */
} Action;

typedef enum { MODE_PDE, MODE_PIE, MODE_SO, MODE_COUNT } Mode;

static SymState symbol_state(Ctx *ctx, const Symbol *sym) {
  if (!sym->is_imported && sym->is_preemptible)
    return symbol_is_defined(sym) ? ST_PRE : ST_DYNU;
  if (sym->is_imported && !sym->has_copyrel && !sym->is_canonical) {
    /* --ignore-data-address-equality (lld): the user accepts that protected data has
     * two addresses, the library's and our copy's. */
    if (sym->dso_protected && !(ctx->opt.ignore_data_address_equality && sym->type == STT_OBJECT))
      return ST_DSO_P;
    return sym->type == STT_FUNC || sym->type == STT_GNU_IFUNC ? ST_DSO_F : ST_DSO_D;
  }
  if (sym->is_abs || (!symbol_is_defined(sym) && !sym->is_local) ||
      (sym->is_local && !sym->isec && sym->type != STT_FILE && !sym->chunk))
    return ST_ABS;
  return ST_LOC;
}

/* Rows: symbol state; columns: PDE, PIE, SO. ST_PRE exists only in -shared (its
 * PDE/PIE cells are unreachable); ST_DYNU in an executable is an undefined weak that a
 * library loaded at run time may define: direct references in a non-PIE are 0, as in
 * GNU ld and lld. Text relocations (a RELATIVE or SYMBOLIC in a read-only place) are
 * the caller's business: allowed only under -z notext. */
static const Action table_abs_word_rw[][MODE_COUNT] = {
    [ST_LOC] = {A_CONST, A_RELATIVE, A_RELATIVE},
    [ST_ABS] = {A_CONST, A_CONST, A_CONST},
    [ST_PRE] = {A_SYMBOLIC, A_SYMBOLIC, A_SYMBOLIC},
    [ST_DYNU] = {A_CONST, A_SYMBOLIC, A_SYMBOLIC},
    [ST_DSO_D] = {A_SYMBOLIC, A_SYMBOLIC, A_SYMBOLIC},
    [ST_DSO_F] = {A_SYMBOLIC, A_SYMBOLIC, A_SYMBOLIC},
    [ST_DSO_P] = {A_SYMBOLIC, A_SYMBOLIC, A_SYMBOLIC},
};
static const Action table_abs_word_ro[][MODE_COUNT] = {
    [ST_LOC] = {A_CONST, A_RELATIVE, A_RELATIVE},
    [ST_ABS] = {A_CONST, A_CONST, A_CONST},
    [ST_PRE] = {A_SYMBOLIC, A_SYMBOLIC, A_SYMBOLIC},
    [ST_DYNU] = {A_CONST, A_SYMBOLIC, A_SYMBOLIC},
    [ST_DSO_D] = {A_CANONICAL, A_CANONICAL, A_SYMBOLIC},
    [ST_DSO_F] = {A_CANONICAL, A_CANONICAL, A_SYMBOLIC},
    [ST_DSO_P] = {A_ERR_PROT, A_ERR_PROT, A_SYMBOLIC},
};
static const Action table_abs_narrow[][MODE_COUNT] = {
    [ST_LOC] = {A_CONST, A_ERR_PIC, A_ERR_PIC},
    [ST_ABS] = {A_CONST, A_CONST, A_CONST},
    [ST_PRE] = {A_ERR_PIC, A_ERR_PIC, A_ERR_PIC},
    [ST_DYNU] = {A_CONST, A_ERR_PIC, A_ERR_PIC},
    [ST_DSO_D] = {A_CANONICAL, A_ERR_PIC, A_ERR_PIC},
    [ST_DSO_F] = {A_CANONICAL, A_ERR_PIC, A_ERR_PIC},
    [ST_DSO_P] = {A_ERR_PROT, A_ERR_PIC, A_ERR_PIC},
};
static const Action table_pc[][MODE_COUNT] = {
    [ST_LOC] = {A_CONST, A_CONST, A_CONST},
    [ST_ABS] = {A_CONST, A_ERR_ABS, A_ERR_ABS}, /* an undefined weak (0) is fine: see decide() */
    [ST_PRE] = {A_ERR_PIC, A_ERR_PIC, A_ERR_PIC},
    [ST_DYNU] = {A_ERR_PIC, A_ERR_PIC, A_ERR_PIC},
    [ST_DSO_D] = {A_CANONICAL, A_CANONICAL, A_ERR_PIC},
    [ST_DSO_F] = {A_CANONICAL, A_CANONICAL, A_ERR_PIC},
    [ST_DSO_P] = {A_ERR_PROT, A_ERR_PROT, A_ERR_PIC},
};
static const Action table_call[][MODE_COUNT] = {
    [ST_LOC] = {A_CONST, A_CONST, A_CONST}, [ST_ABS] = {A_CONST, A_CONST, A_CONST},
    [ST_PRE] = {A_PLT, A_PLT, A_PLT},       [ST_DYNU] = {A_PLT, A_PLT, A_PLT},
    [ST_DSO_D] = {A_PLT, A_PLT, A_PLT},     [ST_DSO_F] = {A_PLT, A_PLT, A_PLT},
    [ST_DSO_P] = {A_PLT, A_PLT, A_PLT}, /* a call takes no address: protected is fine */
};

static Mode output_mode(Ctx *ctx) {
  return ctx->opt.kind == OUT_SHARED ? MODE_SO : ctx->opt.kind == OUT_PIE ? MODE_PIE : MODE_PDE;
}

/* The mode is the caller's, read once per section: decide() runs for every
 * relocation, and the atomic flag updates between calls make the compiler reload
 * anything read through ctx. */
static inline Action decide(Ctx *ctx, Mode mode, RelKind kind, const Symbol *sym, bool writable) {
  SymState st = symbol_state(ctx, sym);
  switch (kind) {
  case RK_ABS_WORD:
    return (writable ? table_abs_word_rw : table_abs_word_ro)[st][mode];
  case RK_ABS_NARROW:
    return table_abs_narrow[st][mode];
  case RK_PC:
    /* An undefined weak is 0 in every mode: PC-relative to 0 is a constant once the
     * image is placed, which a PDE is and which the loader never changes for 0. */
    if ((st == ST_ABS || (st == ST_DYNU && mode != MODE_SO)) && !symbol_is_defined(sym))
      return A_CONST;
    /* --defsym and script values: the linker places them, so GNU ld and lld resolve
     * the difference at link time, as if the image stayed at its link address. */
    if (st == ST_ABS && sym->is_defined_by_linker)
      return A_CONST;
    return table_pc[st][mode];
  case RK_CALL:
  case RK_PLTOFF:
    return table_call[st][mode];
  case RK_GOT:
  case RK_GOT_OFFSET:
    return A_GOT;
  case RK_SIZE:
    /* The size of a definition another module may provide is the loader's to fill in,
     * with a dynamic relocation of the same type (GNU ld; glibc applies both widths). */
    /* A COPY makes the definition ours (once allocate_got_and_plt has decided it). */
    return ctx->is_dynamic && (sym->is_imported || sym->is_preemptible) && !sym->has_copyrel
               ? A_SYMBOLIC
               : A_CONST;
  default:
    return A_CONST;
  }
}

/* Records what a symbol needs. Popular symbols (memcpy, vtables' targets) are named
 * by many relocations on every thread: a read first keeps their cache line shared
 * instead of moving it between cores for every relocation. */
static void set_need(Symbol *sym, u16 need) {
  if ((atomic_load_explicit(&sym->flags, memory_order_relaxed) & need) != need)
    atomic_fetch_or(&sym->flags, need);
}

typedef struct UndefRef {
  Symbol *sym;
  InputSection *isec;
  u64 offset;
} UndefRef;

typedef VEC(UndefRef) UndefRefVec;

/* Is this undefined reference reported? In an executable yes, in a shared object only
 * with -z defs, and a hidden reference always (nobody else can provide it). The
 * --unresolved-symbols family lets some pass (undefined_is_let_pass); with
 * --warn-unresolved-symbols the report is a warning and the link goes on. */
typedef enum { UNDEF_FINE, UNDEF_ERROR, UNDEF_WARNING } UndefReport;

static UndefReport undefined_report(Ctx *ctx, InputFile *f, i64 idx, Symbol *sym) {
  if (sym->is_local)
    return UNDEF_FINE;
  /* A hidden or protected reference must be satisfied inside the output; another
   * module's definition cannot (gABI "Symbol Visibility"). */
  if (sym->is_imported && sym->visibility != STV_DEFAULT)
    return UNDEF_ERROR;
  if (symbol_is_defined(sym))
    return UNDEF_FINE;
  if (ELF64_ST_BIND(f->esyms[idx].st_info) == STB_WEAK)
    return UNDEF_FINE;
  /* "foo@V" names a version some linked library must define: the loader could not
   * bind it otherwise (GNU ld refuses it in shared objects too). */
  if (strchr(sym->name, '@'))
    return UNDEF_ERROR;
  if (ctx->opt.kind == OUT_SHARED && !ctx->opt.z_defs && sym->is_preemptible)
    return UNDEF_FINE;
  if (ctx->opt.warn_unresolved_symbols && sym->visibility == STV_DEFAULT)
    return UNDEF_WARNING;
  return undefined_is_let_pass(ctx, sym) && sym->visibility == STV_DEFAULT ? UNDEF_FINE
                                                                           : UNDEF_ERROR;
}

/* Can the GOT-indirect access be rewritten to address the symbol itself? Only when
 * the symbol has a final, non-preemptible address inside the output. */
bool got_load_is_relaxable(Ctx *ctx, InputSection *isec, const ERela *rel, Symbol *sym) {
  u32 type = ELF64_R_TYPE(rel->r_info);
  if (ctx->opt.no_relax) /* --no-relax: every GOT load stays one (GNU ld) */
    return false;
  if (rel->r_offset < 3 || !isec->contents || sym->is_imported || sym->is_preemptible)
    return false;
  bool placed = (sym->isec && sym->isec->is_alive) || sym->chunk;
  if (!placed)
    return false;
  return ctx->arch->can_relax_got(isec->contents + rel->r_offset, type);
}

static void report(Ctx *ctx, Action a, InputSection *isec, const ERela *rel, Symbol *sym) {
  const char *rname = ctx->arch->reloc_name(ELF64_R_TYPE(rel->r_info));
  const char *where = sym->file ? sym->file->name : "<undefined>";
  const char *mode = ctx->opt.kind == OUT_SHARED ? "a shared object"
                     : ctx->opt.kind == OUT_PIE  ? "a PIE object"
                                                 : "an executable";
  switch (a) {
  case A_ERR_PIC:
    error(ctx,
          "relocation %s against symbol '%s' cannot be used when making %s; recompile "
          "with %s\n>>> defined in %s\n>>> referenced by %s:(%s+0x%lx)",
          rname, sym->name, mode, ctx->opt.kind == OUT_SHARED ? "-fPIC" : "-fPIE", where,
          isec->file->name, isec->name, (unsigned long)rel->r_offset);
    break;
  case A_ERR_PROT:
    error(ctx,
          "cannot create a copy relocation or canonical PLT entry for protected symbol "
          "'%s' (relocation %s)\n>>> defined in %s\n>>> referenced by %s:(%s+0x%lx)",
          sym->name, rname, where, isec->file->name, isec->name, (unsigned long)rel->r_offset);
    break;
  case A_ERR_ABS:
    error(ctx,
          "relocation %s cannot refer to absolute symbol '%s' in %s; recompile with "
          "-fPIE\n>>> defined in %s\n>>> referenced by %s:(%s+0x%lx)",
          rname, sym->name, mode, where, isec->file->name, isec->name,
          (unsigned long)rel->r_offset);
    break;
  default:
    break;
  }
}

static void scan_tls(Ctx *ctx, InputSection *isec, const ERela *rel, Symbol *sym, RelKind kind,
                     i64 *i) {
  const Arch *arch = ctx->arch;
  InputFile *f = isec->file;
  u32 type = ELF64_R_TYPE(rel->r_info);
  if (sym->type != STT_TLS && symbol_is_defined(sym) && !sym->is_local) {
    error(ctx, "%s:(%s+0x%lx): TLS relocation %s against non-TLS symbol '%s'", f->name, isec->name,
          (unsigned long)rel->r_offset, arch->reloc_name(type), sym->name);
    return;
  }
  if (ctx->opt.kind == OUT_SHARED) {
    /* A shared object keeps the dynamic models: its TLS block's place is known only
     * at run time (psABI "Thread-Local Storage"). */
    switch (kind) {
    case RK_TLS_GD:
      set_need(sym, NEEDS_TLSGD);
      break;
    case RK_TLS_LD:
      ctx->needs_tlsld = true;
      break;
    case RK_TLS_DESC:
      set_need(sym, NEEDS_TLSDESC);
      break;
    case RK_TLS_IE:
      set_need(sym, NEEDS_GOTTP);
      ctx->has_static_tls = true;
      break;
    case RK_TLS_LE:
      error(ctx,
            "%s:(%s+0x%lx): relocation %s against '%s' cannot be used when making a "
            "shared object; recompile with -fPIC",
            f->name, isec->name, (unsigned long)rel->r_offset, arch->reloc_name(type), sym->name);
      break;
    default:
      break;
    }
    return;
  }
  /* In an executable every TLS access is relaxed (psABI "TLS transitions"): to
   * local-exec for our own variables, to initial-exec for a shared object's. */
  if ((kind == RK_TLS_GD || kind == RK_TLS_LD) && !arch->valid_tls_sequence(isec, *i)) {
    error(ctx, "%s:(%s+0x%lx): %s is not followed by a call to __tls_get_addr", f->name, isec->name,
          (unsigned long)rel->r_offset, arch->reloc_name(type));
    return;
  }
  switch (kind) {
  case RK_TLS_GD:
    if (sym->is_imported)
      set_need(sym, NEEDS_GOTTP);
    (*i)++; /* the call to __tls_get_addr goes away with its relocation */
    break;
  case RK_TLS_LD:
    (*i)++;
    break;
  case RK_TLS_DESC:
    if (sym->is_imported)
      set_need(sym, NEEDS_GOTTP);
    break;
  case RK_TLS_IE:
    if (sym->is_imported || rel->r_offset < 3 ||
        !arch->can_relax_ie(isec->contents + rel->r_offset, type))
      set_need(sym, NEEDS_GOTTP);
    break;
  case RK_TLS_LE:
    if (sym->is_imported)
      error(ctx,
            "%s:(%s+0x%lx): relocation %s against '%s', a TLS variable of a shared "
            "object; recompile with -fPIC",
            f->name, isec->name, (unsigned long)rel->r_offset, arch->reloc_name(type), sym->name);
    break;
  default:
    break;
  }
}

/* A relocation inside an .eh_frame record that was dropped (its function's section
 * lost a COMDAT group or was garbage-collected) is not part of the output. */
static bool in_dropped_record(const InputSection *isec, const ERela *rel) {
  if (!isec->eh_records)
    return false;
  bool dropped;
  eh_frame_output_offset(isec, rel->r_offset, &dropped);
  return dropped;
}

/* Whether a relocation's place is written at load time without a text relocation: what
 * counts is the output section, which for .init_array and its kin is writable even when
 * an input is not (a const array in a -fno-pic object; GNU ld, sections.c). */
static bool lands_in_writable_memory(const InputSection *isec) {
  return ((isec->osec ? isec->osec->shdr.sh_flags : isec->flags) & SHF_WRITE) != 0;
}

static void scan_section(Ctx *ctx, InputSection *isec, UndefRefVec *undefs) {
  InputFile *f = isec->file;
  const Arch *arch = ctx->arch;
  bool writable = lands_in_writable_memory(isec);
  Mode mode = output_mode(ctx);
  for (i64 i = 0; i < isec->nrels; i++) {
    const ERela *rel = &isec->rels[i];
    if (in_dropped_record(isec, rel))
      continue;
    u32 type = ELF64_R_TYPE(rel->r_info);
    i64 idx = (i64)ELF64_R_SYM(rel->r_info);
    Symbol *sym = f->syms[idx];
    RelKind kind = arch->classify(type);
    if (kind == RK_NONE)
      continue;
    if (kind == RK_UNKNOWN) {
      error(ctx, "%s:(%s+0x%lx): unsupported relocation type %u against '%s'", f->name, isec->name,
            (unsigned long)rel->r_offset, type, sym->name);
      continue;
    }
    /* Only these can become dynamic relocations of the section (collect_section). */
    if (kind == RK_ABS_WORD || kind == RK_SIZE)
      isec->has_word_relocs = true;
    UndefReport undef = undefined_report(ctx, f, idx, sym);
    if (undef != UNDEF_FINE) {
      UndefRef u = {sym, isec, rel->r_offset};
      vec_push(undefs, u);
      if (undef == UNDEF_ERROR)
        continue;
    }
    if (kind >= RK_TLS_GD && kind <= RK_TLS_DESC_CALL) {
      if (sym->explain)
        record_explain_ref(ctx, (ExplainRef){sym, isec, rel->r_offset, type, A_TLS, false});
      scan_tls(ctx, isec, rel, sym, kind, &i);
      continue;
    }
    /* Non-preemptible IFUNCs are reached through .iplt, whatever the reference. */
    if (symbol_is_ifunc(sym) && !sym->is_preemptible) {
      if (sym->explain)
        record_explain_ref(ctx, (ExplainRef){sym, isec, rel->r_offset, type, A_IPLT, false});
      set_need(sym, NEEDS_IPLT);
      if (kind == RK_GOT && !got_load_is_relaxable(ctx, isec, rel, sym))
        set_need(sym, NEEDS_GOT);
      if (kind == RK_GOT_OFFSET)
        set_need(sym, NEEDS_GOT);
      continue;
    }
    Action a = decide(ctx, mode, kind, sym, writable);
    if ((kind == RK_ABS_NARROW || kind == RK_PC) && mode == MODE_PDE && !symbol_is_defined(sym) &&
        !sym->is_imported && sym->is_preemptible)
      set_need(sym, NEEDS_ZERO);
    if (sym->explain)
      record_explain_ref(ctx, (ExplainRef){sym, isec, rel->r_offset, type, a,
                                           a == A_GOT && kind == RK_GOT &&
                                               got_load_is_relaxable(ctx, isec, rel, sym)});
    switch (a) {
    case A_GOT:
      if (kind == RK_GOT_OFFSET || !got_load_is_relaxable(ctx, isec, rel, sym))
        set_need(sym, NEEDS_GOT);
      break;
    case A_PLT:
      set_need(sym, NEEDS_PLT);
      break;
    case A_CANONICAL:
      set_need(sym, NEEDS_CANONICAL);
      break;
    case A_SYMBOLIC:
      set_need(sym, NEEDS_DYNSYM);
      break;
    case A_ERR_PIC:
    case A_ERR_PROT:
    case A_ERR_ABS:
      report(ctx, a, isec, rel, sym);
      break;
    default:
      break;
    }
  }
}

/* "\n>>> referenced by ...": the source line when the object has DWARF, as lld and
 * mold show it (then the object and function), else the object, section and offset.
 * Each lookup reads the object's line tables: a link missing a library can have
 * thousands of undefined names, so only the first places get one. */
enum { PLACES_WITH_SOURCE_LINES = 64 };

static i64 describe_place(Ctx *ctx, char *buf, size_t cap, InputSection *isec, u64 offset,
                          i64 *lookups) {
  InputFile *f = isec->file;
  SourcePosition pos;
  const char *func = NULL;
  int n;
  if ((*lookups)++ >= PLACES_WITH_SOURCE_LINES ||
      !source_position(ctx, f, isec->shndx, offset, &pos))
    n = snprintf(buf, cap, "\n>>> referenced by %s:(%s+0x%lx)", f->name, isec->name,
                 (unsigned long)offset);
  else if ((func = enclosing_function(f, isec->shndx, offset)))
    n = snprintf(buf, cap, "\n>>> referenced by %.200s:%lu\n>>>               %s:(%.200s)",
                 pos.file, (unsigned long)pos.line, f->name, func);
  else
    n = snprintf(buf, cap, "\n>>> referenced by %.200s:%lu\n>>>               %s:(%s+0x%lx)",
                 pos.file, (unsigned long)pos.line, f->name, isec->name, (unsigned long)offset);
  /* What fitted: a long name is cut rather than moving the caller past its buffer. */
  return n < 0 ? 0 : (i64)MIN((size_t)n, cap - 1);
}

/* GNU ld's words, "undefined reference to `NAME'" (scripts and testsuites match them),
 * once per symbol, with up to three referencing places. */
static void report_undefined(Ctx *ctx, UndefRef *refs, i64 n) {
  i64 lookups = 0;
  for (i64 i = 0; i < n; i++) {
    Symbol *sym = refs[i].sym;
    if (!sym)
      continue;
    char buf[2048];
    const char *name = display_name(ctx, sym->name), *as_named = NULL;
    InputFile *missing =
        sym->visibility == STV_DEFAULT ? missing_library_defining(ctx, sym->name, &as_named) : NULL;
    i64 len = missing ? snprintf(buf, sizeof buf, "%s: undefined reference to symbol '%s'",
                                 refs[i].isec->file->name, as_named)
              : sym->visibility == STV_DEFAULT
                  ? snprintf(buf, sizeof buf, "undefined reference to `%s'", name)
                  : snprintf(buf, sizeof buf, "undefined reference to `%s' (a %s symbol)", name,
                             sym->visibility == STV_PROTECTED ? "protected" : "hidden");
    len = MIN(MAX(len, 0), (i64)sizeof buf - 1); /* a name longer than buf is cut */
    if (sym->is_imported) {
      len += snprintf(buf + len, sizeof buf - (size_t)len,
                      "\n>>> a non-default-visibility reference cannot bind to %s",
                      sym->file->name);
      len = MIN(MAX(len, 0), (i64)sizeof buf - 1);
    }
    i64 shown = 0, more = 0;
    for (i64 k = i; k < n; k++) {
      if (refs[k].sym != sym)
        continue;
      if (shown < 3 && len < (i64)sizeof buf - 600)
        len += describe_place(ctx, buf + len, sizeof buf - (size_t)len, refs[k].isec,
                              refs[k].offset, &lookups);
      else
        more++;
      shown++;
      refs[k].sym = NULL;
    }
    if (more)
      snprintf(buf + len, sizeof buf - (size_t)len, "\n>>> referenced %ld more times", (long)more);
    if (ctx->opt.warn_unresolved_symbols && sym->visibility == STV_DEFAULT && !sym->is_imported &&
        !strchr(sym->name, '@') && !missing)
      warn(ctx, "%s", buf);
    else {
      run_error_handling_script(ctx, "undefined-symbol", sym->name);
      error(ctx, "%s", buf);
      /* GNU ld's second line, which names the library to add. */
      if (missing)
        error(ctx, "%s: error adding symbols: DSO missing from command line", missing->name);
    }
  }
}

static bool is_scanned(const InputSection *isec) {
  return isec && isec->is_alive && (isec->flags & SHF_ALLOC) && isec->nrels;
}

static void scan_file_task(Ctx *ctx, i64 fi, void *arg) {
  UndefRefVec *undefs = &((UndefRefVec *)arg)[fi];
  InputFile *f = ctx->objs.data[fi];
  f->word_reloc_count = 0;
  for (i64 i = 0; i < f->nshdrs; i++)
    if (is_scanned(f->sections[i])) {
      scan_section(ctx, f->sections[i], undefs);
      if (f->sections[i]->has_word_relocs)
        f->word_reloc_count += f->sections[i]->nrels;
    }
}

/* Files are scanned in parallel: a symbol's needs are atomic flags, and each file
 * lists its undefined references apart, joined in file order for the report.
 * --explain-symbol records references in order, so it scans on one thread. */
void scan_relocations(Ctx *ctx) {
  i64 n = ctx->objs.len;
  UndefRefVec *per_file = calloc((size_t)MAX(n, 1), sizeof(UndefRefVec));
  if (ctx->opt.explain_symbols.len)
    for (i64 fi = 0; fi < n; fi++)
      scan_file_task(ctx, fi, per_file);
  else
    parallel_for(ctx, n, scan_file_task, per_file);
  UndefRefVec undefs = {0};
  for (i64 fi = 0; fi < n; fi++) {
    for (i64 k = 0; k < per_file[fi].len; k++)
      vec_push(&undefs, per_file[fi].data[k]);
    free(per_file[fi].data);
  }
  free(per_file);
  report_undefined(ctx, undefs.data, undefs.len);
  free(undefs.data);
}

/* A protected symbol of the library (its __start_/__stop_ symbols, say) binds inside
 * it: it cannot share our copy, and the loader warns about a COPY naming it. */
static bool is_protected_in_dso(const ESym *es) {
  return ELF64_ST_VISIBILITY(es->st_other) == STV_PROTECTED;
}

/* Copy-relocated data gets space in .bss (or .bss.rel.ro when the shared object keeps
 * it read-only), sized and aligned as in the shared object; every alias at the same
 * address in that object shares the copy, so environ and __environ stay one object
 * (protected ones excepted: GNU ld's PR 14323 test). */
static void allocate_copy(Ctx *ctx, Symbol *sym) {
  InputFile *dso = sym->file;
  u64 value = dso->esyms[sym->sym_idx].st_value;
  u64 align = dso_symbol_alignment(dso, sym->sym_idx);
  bool readonly = dso_address_is_readonly(dso, value);
  Chunk *c = readonly ? ctx->copyrel_ro : ctx->copyrel;
  u64 off = align_to(c->shdr.sh_size, align);
  c->shdr.sh_size = off + sym->size;
  c->shdr.sh_addralign = MAX(c->shdr.sh_addralign, align);
  /* The COPY names a strong alias when there is one (GNU ld copies a weak name through
   * its strong definition: environ through __environ). */
  Symbol *named = sym;
  for (i64 i = dso->first_global; i < dso->nsyms && named->binding == STB_WEAK; i++) {
    const ESym *es = &dso->esyms[i];
    Symbol *alias = dso->syms[i];
    if (es->st_value == value && es->st_shndx != SHN_UNDEF && alias->file == dso &&
        alias->sym_idx == i && ELF64_ST_BIND(es->st_info) == STB_GLOBAL &&
        ELF64_ST_TYPE(es->st_info) != STT_TLS && !is_protected_in_dso(es))
      named = alias;
  }
  vec_push(&ctx->copy_syms, named);
  for (i64 i = dso->first_global; i < dso->nsyms; i++) {
    Symbol *alias = dso->syms[i];
    const ESym *es = &dso->esyms[i];
    if (es->st_value != value || es->st_shndx == SHN_UNDEF || alias->file != dso ||
        alias->sym_idx != i || ELF64_ST_TYPE(es->st_info) == STT_TLS || is_protected_in_dso(es))
      continue;
    alias->has_copyrel = true;
    alias->copyrel_readonly = readonly;
    sym_aux(ctx, alias)->copy_offset = off;
    alias->is_exported = true;
  }
  sym->has_copyrel = true;
  sym->copyrel_readonly = readonly;
  sym_aux(ctx, sym)->copy_offset = off;
  sym->is_exported = true;
}

/* The slots allocate_got_and_plt gives a symbol. */
enum {
  SLOT_PLT = 1 << 0,
  SLOT_PLTGOT = 1 << 1,
  SLOT_IPLT = 1 << 2,
  SLOT_GOT = 1 << 3,
  SLOT_GOTTP = 1 << 4,
  SLOT_TLSGD = 1 << 5,  /* two GOT words */
  SLOT_TLSDESC = 1 << 6 /* two GOT words */
};

/* What a visit does to the symbol itself; returns the flags its slots follow. */
static u16 settle_symbol(Ctx *ctx, Symbol *sym, u16 flags) {
  /* GNU ld resolves an undefined weak to 0 for a non-PIE's non-PIC references; then
   * the GOT holds 0 and calls go to 0 too: nothing is left to the loader. */
  if (flags & NEEDS_ZERO) {
    sym->is_preemptible = false;
    sym->is_abs = true;
    global_symbol(sym)->preempt_reason = "undefined weak referenced by non-PIC code of a "
                                         "non-PIE: bound to 0 at link time (GNU ld)";
    flags &= (u16)~NEEDS_PLT;
  }
  if (flags & NEEDS_CANONICAL) {
    bool is_func = sym->type == STT_FUNC || sym->type == STT_GNU_IFUNC;
    if (!is_func && !sym->has_copyrel) {
      if (ctx->opt.z_nocopyreloc)
        error(ctx,
              "cannot create a copy relocation for '%s' because -z nocopyreloc is given; "
              "recompile with -fPIE\n>>> defined in %s",
              sym->name, sym->file->name);
      else if (sym->size == 0)
        error(ctx,
              "cannot create a copy relocation for '%s': its size in %s is 0; recompile "
              "with -fPIE",
              sym->name, sym->file->name);
      else
        allocate_copy(ctx, sym);
    } else if (is_func) {
      sym->is_canonical = true;
      sym->is_exported = true;
      flags |= NEEDS_PLT;
    }
  }
  return flags;
}

/* The slots (SLOT_*) a symbol takes at its first visit, numbered after. */
static u8 slots_for(const Symbol *sym, u16 flags) {
  const SymAux *aux = AUX(sym);
  u8 slots = 0;
  /* A function called through the PLT that also has a GOT slot (its address loaded
   * with GOTPCREL) needs no lazy .plt entry: a .plt.got stub jumps through the GOT
   * slot, as GNU ld and mold do. Not for a canonical entry, whose address the GOT
   * slot then holds. */
  bool preemptible_call =
      (flags & NEEDS_PLT) && sym->is_preemptible && aux->plt_idx < 0 && aux->pltgot_idx < 0;
  if (preemptible_call)
    slots |= (flags & NEEDS_GOT) && !sym->is_canonical ? SLOT_PLTGOT : SLOT_PLT;
  if ((flags & NEEDS_IPLT) && aux->iplt_idx < 0)
    slots |= SLOT_IPLT;
  if ((flags & NEEDS_GOT) && aux->got_idx < 0)
    slots |= SLOT_GOT;
  if ((flags & NEEDS_GOTTP) && aux->gottp_idx < 0)
    slots |= SLOT_GOTTP;
  if ((flags & NEEDS_TLSGD) && aux->tlsgd_idx < 0)
    slots |= SLOT_TLSGD;
  if ((flags & NEEDS_TLSDESC) && aux->tlsdesc_idx < 0)
    slots |= SLOT_TLSDESC;
  return slots;
}

static bool has_got_family_slot(const Symbol *sym) {
  const SymAux *aux = AUX(sym);
  return aux->got_idx >= 0 || aux->gottp_idx >= 0 || aux->tlsgd_idx >= 0 || aux->tlsdesc_idx >= 0;
}

/* Where the next slots of each kind go. */
typedef struct SlotCursor {
  i64 plt, pltgot, iplt, got_slot, got_sym;
} SlotCursor;

static void count_slots(const Symbol *sym, u8 slots, SlotCursor *n) {
  n->plt += (slots & SLOT_PLT) != 0;
  n->pltgot += (slots & SLOT_PLTGOT) != 0;
  n->iplt += (slots & SLOT_IPLT) != 0;
  n->got_slot += ((slots & SLOT_GOT) != 0) + ((slots & SLOT_GOTTP) != 0) +
                 2 * ((slots & SLOT_TLSGD) != 0) + 2 * ((slots & SLOT_TLSDESC) != 0);
  n->got_sym +=
      (slots & (SLOT_GOT | SLOT_GOTTP | SLOT_TLSGD | SLOT_TLSDESC)) && !has_got_family_slot(sym);
}

/* Numbers a symbol's slots at the cursor, into ctx's lists (sized already). */
static void number_slots(Ctx *ctx, Symbol *sym, u8 slots, SlotCursor *at) {
  if (!slots)
    return;
  bool had_slot = has_got_family_slot(sym);
  SymAux *aux = sym_aux(ctx, sym);
  if (slots & SLOT_PLTGOT) {
    aux->pltgot_idx = (i32)at->pltgot;
    ctx->pltgot_syms.data[at->pltgot++] = sym;
  }
  if (slots & SLOT_PLT) {
    aux->plt_idx = (i32)at->plt;
    ctx->plt_syms.data[at->plt++] = sym;
  }
  if (slots & SLOT_IPLT) {
    aux->iplt_idx = (i32)at->iplt;
    ctx->iplt_syms.data[at->iplt++] = sym;
  }
  if (slots & SLOT_GOT)
    aux->got_idx = (i32)at->got_slot++;
  if (slots & SLOT_GOTTP)
    aux->gottp_idx = (i32)at->got_slot++;
  if (slots & SLOT_TLSGD) {
    aux->tlsgd_idx = (i32)at->got_slot;
    at->got_slot += 2;
  }
  if (slots & SLOT_TLSDESC) {
    aux->tlsdesc_idx = (i32)at->got_slot;
    at->got_slot += 2;
  }
  if (!had_slot && has_got_family_slot(sym))
    ctx->got_syms.data[at->got_sym++] = sym;
}

typedef VEC(Symbol *) SymbolList;

/* The symbols of one file whose relocations flagged them (or the linker's own), the
 * slots each takes, and where the file's slots start. */
typedef struct FlaggedSymbols {
  SymbolList syms;
  u8 *slots;     /* per listed symbol, in the job's one array */
  bool revisits; /* lists a symbol whose every visit may report (revisit_reports) */
  SlotCursor count, start;
} FlaggedSymbols;

/* Each file bids for the globals its relocations flagged; the first file in order
 * wins. */
static void bid_for_flagged_task(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[fi];
  i32 bid = (i32)fi + 1;
  for (i64 i = f->first_global; f->syms && i < f->nsyms; i++) {
    if (!atomic_load_explicit(&f->syms[i]->flags, memory_order_relaxed))
      continue;
    _Atomic i32 *first = &global_symbol(f->syms[i])->first_flagged;
    i32 seen = atomic_load_explicit(first, memory_order_relaxed);
    while ((seen == 0 || seen > bid) &&
           !atomic_compare_exchange_weak_explicit(first, &seen, bid, memory_order_relaxed,
                                                  memory_order_relaxed))
      ;
  }
}

/* A later visit can still report something (a copy relocation that cannot be made
 * is reported for each file that needs it); every other one finds the work done. */
static bool revisit_reports(Symbol *sym, u16 flags) {
  return (flags & NEEDS_CANONICAL) && !sym->is_local && sym->type != STT_FUNC &&
         sym->type != STT_GNU_IFUNC;
}

/* The symbols of a file that relocations flagged, in symbol-table order: its locals,
 * and the globals it is the first file to flag (later files would find them done),
 * or that a later visit may report on. */
static void list_flagged_symbols_task(Ctx *ctx, i64 fi, void *arg) {
  InputFile *f = ctx->objs.data[fi];
  FlaggedSymbols *out = &((FlaggedSymbols *)arg)[fi];
  /* Built here and stored once: the files' lists share cache lines. */
  SymbolList syms = {0};
  bool revisits = false;
  for (i64 i = 0; i < f->nsyms; i++) {
    Symbol *sym = f->syms[i];
    u16 flags = atomic_load_explicit(&sym->flags, memory_order_relaxed);
    if (!flags)
      continue;
    bool revisit = revisit_reports(sym, flags);
    if (i < f->first_global || revisit ||
        atomic_load_explicit(&global_symbol(sym)->first_flagged, memory_order_relaxed) == fi + 1)
      vec_push(&syms, sym);
    revisits |= revisit;
  }
  out->syms = syms;
  out->revisits = revisits;
}

/* Each symbol settled and its slots counted at its first visit (its file's listing
 * where it is the first to flag it), on all threads: what a visit does to a symbol
 * touches that symbol alone, except for copy relocations, settled before, in order. */
static void decide_file_slots_task(Ctx *ctx, i64 fi, void *arg) {
  FlaggedSymbols *fs = &((FlaggedSymbols *)arg)[fi];
  SlotCursor count = {0};
  for (i64 k = 0; k < fs->syms.len; k++) {
    if (k + 8 < fs->syms.len)
      __builtin_prefetch(fs->syms.data[k + 8], 1); /* each a cache miss */
    Symbol *sym = fs->syms.data[k];
    u16 flags = atomic_load(&sym->flags);
    fs->slots[k] = 0;
    if (revisit_reports(sym, flags)) {
      if (atomic_load(&global_symbol(sym)->first_flagged) != fi + 1)
        continue;
      /* Settled already; the flags as settling left them. */
      if (flags & NEEDS_ZERO)
        flags &= (u16)~NEEDS_PLT;
    } else {
      flags = settle_symbol(ctx, sym, flags);
    }
    fs->slots[k] = slots_for(sym, flags);
    count_slots(sym, fs->slots[k], &count);
  }
  fs->count = count;
}

static void number_file_slots_task(Ctx *ctx, i64 fi, void *arg) {
  FlaggedSymbols *fs = &((FlaggedSymbols *)arg)[fi];
  SlotCursor at = fs->start;
  for (i64 k = 0; k < fs->syms.len; k++)
    if (fs->slots[k])
      number_slots(ctx, fs->syms.data[k], fs->slots[k], &at);
  free(fs->syms.data);
}

enum { SLOTS_PARALLEL_MIN = 8192 };

/* Slot numbers follow input order (the files, then the linker's own symbols), whatever
 * the thread count: the flagged symbols are listed, settled and counted per file, the
 * counts summed in order, and each file numbers its own. */
void allocate_got_and_plt(Ctx *ctx) {
  i64 nfiles = ctx->objs.len, nlists = nfiles + 1;
  FlaggedSymbols *lists = calloc((size_t)nlists, sizeof(FlaggedSymbols));
  if (!lists)
    fatal(ctx, "out of memory");
  parallel_for(ctx, nfiles, bid_for_flagged_task, NULL);
  parallel_for(ctx, nfiles, list_flagged_symbols_task, lists);
  /* The linker's own symbols last, unless a file's relocations flagged them first
   * (marked as listed: one may be defined twice). */
  FlaggedSymbols *linker = &lists[nfiles];
  for (i64 i = 0; i < ctx->linker_syms.len; i++) {
    Symbol *sym = ctx->linker_syms.data[i];
    _Atomic i32 *first = &global_symbol(sym)->first_flagged;
    u16 flags = atomic_load(&sym->flags);
    if (flags && !atomic_load(first)) {
      atomic_store(first, (i32)nlists);
      vec_push(&linker->syms, sym);
      linker->revisits |= revisit_reports(sym, flags);
    }
  }
  /* Copy relocations take space, and report, in input order, at every visit. */
  for (i64 fi = 0; fi < nlists; fi++)
    for (i64 k = 0; lists[fi].revisits && k < lists[fi].syms.len; k++) {
      Symbol *sym = lists[fi].syms.data[k];
      u16 flags = atomic_load(&sym->flags);
      if (revisit_reports(sym, flags))
        settle_symbol(ctx, sym, flags);
    }
  i64 nlisted = 0;
  for (i64 fi = 0; fi < nlists; fi++)
    nlisted += lists[fi].syms.len;
  u8 *slots = malloc((size_t)MAX(nlisted, 1));
  if (!slots)
    fatal(ctx, "out of memory");
  for (i64 fi = 0, at = 0; fi < nlists; at += lists[fi++].syms.len)
    lists[fi].slots = slots + at;
  /* A few thousand symbols take less time than waking the other threads. */
  bool on_all_threads = nlisted >= SLOTS_PARALLEL_MIN;
  parallel_for_if(ctx, on_all_threads, nlists, decide_file_slots_task, lists);
  SlotCursor total = {ctx->plt_syms.len, ctx->pltgot_syms.len, ctx->iplt_syms.len, ctx->got_slots,
                      ctx->got_syms.len};
  for (i64 fi = 0; fi < nlists; fi++) {
    SlotCursor *c = &lists[fi].count;
    lists[fi].start = total;
    total.plt += c->plt;
    total.pltgot += c->pltgot;
    total.iplt += c->iplt;
    total.got_slot += c->got_slot;
    total.got_sym += c->got_sym;
  }
  vec_grow(&ctx->plt_syms.data, &ctx->plt_syms.cap, total.plt, sizeof(Symbol *));
  vec_grow(&ctx->pltgot_syms.data, &ctx->pltgot_syms.cap, total.pltgot, sizeof(Symbol *));
  vec_grow(&ctx->iplt_syms.data, &ctx->iplt_syms.cap, total.iplt, sizeof(Symbol *));
  vec_grow(&ctx->got_syms.data, &ctx->got_syms.cap, total.got_sym, sizeof(Symbol *));
  parallel_for_if(ctx, on_all_threads, nlists, number_file_slots_task, lists);
  ctx->plt_syms.len = total.plt;
  ctx->pltgot_syms.len = total.pltgot;
  ctx->iplt_syms.len = total.iplt;
  ctx->got_syms.len = total.got_sym;
  ctx->got_slots = total.got_slot;
  free(slots);
  free(lists);
  if (ctx->needs_tlsld) {
    ctx->tlsld_got_idx = ctx->got_slots;
    ctx->got_slots += 2;
  }
}

/* A stretch of .rela.dyn: a run of one file's relocations, in section order, from
 * relocation first_rel of section first_sec to before relocation end_rel of section
 * end_sec. Most files are one part; a file with many relocations in sections with
 * word-sized ones is cut into parts of about DYNREL_PART_RELS (a single object can hold
 * most of a link's pointers: Python's frozen modules). Parts are counted first and then
 * fill their own stretch of one array sized exactly, so the largest table of a big link
 * is written once, in place, in parallel, and in input order whatever the thread count. */
typedef struct DynRelPart {
  InputFile *file;
  i64 first_sec, first_rel;
  i64 end_sec, end_rel;
  i64 count;             /* entries from these relocations */
  i64 start;             /* index of its first entry in ctx->dynrels */
  i64 nrelative;         /* of which RELATIVE */
  char *textrel_warning; /* the first text relocation, for the DT_TEXTREL warning */
} DynRelPart;

enum { DYNREL_PART_RELS = 8192 };

static DynRel section_dynrel(InputSection *isec, i64 rel_idx, u32 type, Symbol *sym,
                             bool sym_is_target) {
  return (DynRel){.where = isec,
                  .sym = sym,
                  .pos = (u64)rel_idx,
                  .type = (u16)type,
                  .from_isec = true,
                  .sym_is_target = sym_is_target};
}

/* The dynamic relocations relocations [begin, end) of a section become (the second
 * question to decide(), now that COPY and canonical entries exist). With out NULL it
 * only counts, and reports: the counting pass is the one that raises errors and
 * warnings. */
static i64 collect_section(Ctx *ctx, InputSection *isec, i64 begin, i64 end, DynRel *out,
                           DynRelPart *part) {
  InputFile *f = isec->file;
  const Arch *arch = ctx->arch;
  bool writable = lands_in_writable_memory(isec);
  Mode mode = output_mode(ctx);
  i64 n = 0;
  for (i64 i = begin; i < end; i++) {
    const ERela *rel = &isec->rels[i];
    RelKind kind = arch->classify(ELF64_R_TYPE(rel->r_info));
    if ((kind != RK_ABS_WORD && kind != RK_SIZE) || in_dropped_record(isec, rel))
      continue;
    Symbol *sym = f->syms[ELF64_R_SYM(rel->r_info)];
    if (kind == RK_ABS_WORD && symbol_is_ifunc(sym) && !sym->is_preemptible) {
      /* The address is the .iplt entry: load-relative in a PIE or shared object. */
      if (mode != MODE_PDE) {
        if (out)
          out[n] = section_dynrel(isec, i, arch->r_relative, sym, true);
        n++;
      }
      continue;
    }
    Action a = decide(ctx, mode, kind, sym, writable);
    if (a != A_RELATIVE && a != A_SYMBOLIC)
      continue;
    if (!writable && ctx->opt.z_text) {
      if (!out)
        error(ctx,
              "relocation %s against symbol '%s' in read-only section '%s'; recompile "
              "with -fPIC or use -z notext\n>>> defined in %s\n>>> referenced by %s:(%s+0x%lx)",
              arch->reloc_name(ELF64_R_TYPE(rel->r_info)), sym->name, isec->name,
              sym->file ? sym->file->name : "<undefined>", f->name, isec->name,
              (unsigned long)rel->r_offset);
      continue;
    }
    if (!writable && !out && !part->textrel_warning) {
      const char *fmt = "%s: creating DT_TEXTREL: relocation %s against '%s' in read-only "
                        "section '%s'";
      const char *rname = arch->reloc_name(ELF64_R_TYPE(rel->r_info));
      int len = snprintf(NULL, 0, fmt, f->name, rname, sym->name, isec->name);
      part->textrel_warning = malloc((size_t)len + 1);
      if (part->textrel_warning)
        snprintf(part->textrel_warning, (size_t)len + 1, fmt, f->name, rname, sym->name,
                 isec->name);
    }
    /* A size relocation keeps its own type; an address word becomes the word-sized
     * absolute one (or RELATIVE). */
    u32 symbolic_type = kind == RK_SIZE ? ELF64_R_TYPE(rel->r_info) : arch->r_abs_word;
    if (out)
      out[n] = a == A_RELATIVE ? section_dynrel(isec, i, arch->r_relative, sym, true)
                               : section_dynrel(isec, i, symbolic_type, sym, false);
    n++;
  }
  return n;
}

/* Code sections, most of the relocations, mostly have no word-sized ones. */
static bool may_need_dynrels(const InputSection *isec) {
  return is_scanned(isec) && isec->has_word_relocs;
}

/* The part's entries, written to out, or only counted (and reported) without it. */
static i64 collect_part(Ctx *ctx, DynRelPart *part, DynRel *out) {
  InputFile *f = part->file;
  i64 n = 0;
  for (i64 i = part->first_sec; i <= part->end_sec && i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (!may_need_dynrels(isec))
      continue;
    i64 begin = i == part->first_sec ? part->first_rel : 0;
    i64 end = i == part->end_sec ? part->end_rel : isec->nrels;
    n += collect_section(ctx, isec, begin, end, out ? out + n : NULL, part);
  }
  return n;
}

static void count_part_task(Ctx *ctx, i64 k, void *arg) {
  DynRelPart *part = &((DynRelPart *)arg)[k];
  part->count = collect_part(ctx, part, NULL);
}

static void fill_part_task(Ctx *ctx, i64 k, void *arg) {
  DynRelPart *part = &((DynRelPart *)arg)[k];
  if (part->count == 0)
    return;
  DynRel *out = ctx->dynrels.data + part->start;
  i64 n = collect_part(ctx, part, out);
  for (i64 j = 0; j < n; j++)
    part->nrelative += out[j].type == ctx->arch->r_relative;
}

/* The parts in input order: a file whole, or a large one's relocations in runs of
 * DYNREL_PART_RELS (the scan counted them). */
static DynRelPart *list_dynrel_parts(Ctx *ctx, i64 *nparts) {
  VEC(DynRelPart) parts = {0};
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    DynRelPart part = {.file = f, .end_sec = f->nshdrs};
    for (i64 i = 0, held = 0; f->word_reloc_count > DYNREL_PART_RELS && i < f->nshdrs; i++) {
      InputSection *isec = f->sections[i];
      for (i64 r = 0; may_need_dynrels(isec) && r < isec->nrels;) {
        i64 take = MIN(isec->nrels - r, DYNREL_PART_RELS - held);
        r += take;
        held += take;
        if (held == DYNREL_PART_RELS) {
          part.end_sec = i;
          part.end_rel = r;
          vec_push(&parts, part);
          part = (DynRelPart){.file = f, .first_sec = i, .first_rel = r, .end_sec = f->nshdrs};
          held = 0;
        }
      }
    }
    vec_push(&parts, part);
  }
  *nparts = parts.len;
  return parts.data;
}

/* Parts in parallel, joined in input order. */
static void collect_section_relocations(Ctx *ctx) {
  i64 n = 0;
  DynRelPart *parts = list_dynrel_parts(ctx, &n);
  parallel_for(ctx, n, count_part_task, parts);
  /* Room for the GOT's entries too (at most five per slot user: GOT, TPOFF, the two
   * of GD, TLSDESC), the copies and the LD module slot. */
  i64 need = ctx->dynrels.len + 5 * ctx->got_syms.len + ctx->copy_syms.len + 8;
  i64 first = ctx->dynrels.len;
  for (i64 k = 0; k < n; k++) {
    parts[k].start = first;
    first += parts[k].count;
    need += parts[k].count;
  }
  if (need > ctx->dynrels.cap) {
    DynRel *p = realloc(ctx->dynrels.data, (size_t)need * sizeof(DynRel));
    if (!p)
      fatal(ctx, "out of memory");
    advise_huge_pages(p, need * (i64)sizeof(DynRel));
    ctx->dynrels.data = p;
    ctx->dynrels.cap = need;
  }
  /* The ends of the array lie outside its huge-page interior. */
  populate_for_writing_in_parallel(ctx, ctx->dynrels.data + ctx->dynrels.len,
                                   (first - ctx->dynrels.len) * (i64)sizeof(DynRel));
  parallel_for(ctx, n, fill_part_task, parts);
  ctx->dynrels.len = first;
  for (i64 k = 0; k < n; k++) {
    DynRelPart *r = &parts[k];
    ctx->nrelative += r->nrelative;
    if (r->textrel_warning && !ctx->has_textrel) {
      /* GNU ld warns in a PIE or shared object; a -z notext non-PIE is expected to
       * have text relocations and is linked silently (GNU ld's size-8 test). */
      if (output_mode(ctx) != MODE_PDE)
        warn(ctx, "%s", r->textrel_warning);
      ctx->has_textrel = true;
    }
    free(r->textrel_warning);
  }
  free(parts);
}

void collect_dynamic_relocations(Ctx *ctx) {
  const Arch *arch = ctx->arch;
  bool pie = output_mode(ctx) == MODE_PIE;
  if (!ctx->is_dynamic)
    return;
  collect_section_relocations(ctx);
  /* GOT slots: the loader fills a preemptible symbol's slot (GLOB_DAT), rebases a
   * local address (RELATIVE); TLS slots get module ids and offsets (DTPMOD64,
   * DTPOFF64, TPOFF64, TLSDESC), with symbol 0 and the offset as addend for our own
   * variables. */
  bool pic = pie || output_mode(ctx) == MODE_SO;
  Chunk *got = ctx->got;
  for (i64 i = 0; i < ctx->got_syms.len; i++) {
    Symbol *sym = ctx->got_syms.data[i];
    SymState st = symbol_state(ctx, sym);
    bool dynamic_sym =
        st == ST_DSO_D || st == ST_DSO_F || st == ST_DSO_P || st == ST_PRE || st == ST_DYNU;
    if (AUX(sym)->got_idx >= 0) {
      u64 off = (u64)AUX(sym)->got_idx * 8;
      if (dynamic_sym)
        add_dynrel(ctx, chunk_dynrel(got, off, arch->r_glob_dat, sym, false));
      else if ((st == ST_LOC && pic) || (symbol_is_ifunc(sym) && pic))
        add_dynrel(ctx, chunk_dynrel(got, off, arch->r_relative, sym, true));
    }
    if (AUX(sym)->gottp_idx >= 0 && (dynamic_sym || output_mode(ctx) == MODE_SO))
      add_dynrel(ctx,
                 chunk_dynrel(got, (u64)AUX(sym)->gottp_idx * 8, arch->r_tpoff, sym, !dynamic_sym));
    if (AUX(sym)->tlsgd_idx >= 0) {
      u64 off = (u64)AUX(sym)->tlsgd_idx * 8;
      add_dynrel(ctx, chunk_dynrel(got, off, arch->r_dtpmod, dynamic_sym ? sym : NULL, false));
      if (dynamic_sym)
        add_dynrel(ctx, chunk_dynrel(got, off + 8, arch->r_dtpoff, sym, false));
    }
    if (AUX(sym)->tlsdesc_idx >= 0)
      add_dynrel(ctx, chunk_dynrel(got, (u64)AUX(sym)->tlsdesc_idx * 8, arch->r_tlsdesc, sym,
                                   !dynamic_sym));
  }
  if (ctx->tlsld_got_idx >= 0)
    add_dynrel(ctx, chunk_dynrel(got, (u64)ctx->tlsld_got_idx * 8, arch->r_dtpmod, NULL, false));
  for (i64 i = 0; i < ctx->copy_syms.len; i++) {
    Symbol *sym = ctx->copy_syms.data[i];
    add_dynrel(ctx, chunk_dynrel(sym->copyrel_readonly ? ctx->copyrel_ro : ctx->copyrel,
                                 AUX(sym)->copy_offset, arch->r_copy, sym, false));
  }
}

/* --explain-symbol: what one reference became, in words, with final addresses. */
const char *describe_reference(Ctx *ctx, const ExplainRef *r) {
  const char *(*rname)(u32) = ctx->arch->reloc_name;
  Symbol *sym = r->sym;
  Arena *a = &ctx->arena;
  bool pic = output_mode(ctx) != MODE_PDE;
  switch ((Action)r->action) {
  case A_CONST:
    if (ctx->arch->classify(r->r_type) == RK_CALL)
      return "direct call (the symbol is not preemptible)";
    return "link-time constant: no dynamic relocation";
  case A_RELATIVE:
    return arena_sprintf(a, "%s at load time (the address moves with the load base)",
                         rname(ctx->arch->r_relative));
  case A_SYMBOLIC:
    return arena_sprintf(a, "%s against the symbol, resolved by the loader",
                         rname(ctx->arch->r_abs_word));
  case A_GOT:
    if (r->relaxed)
      return "GOT load relaxed to a direct address (lea/call/jmp): no GOT entry needed";
    if (AUX(sym)->got_idx < 0)
      return "GOT entry (not allocated)";
    if (sym->is_preemptible || (sym->is_imported && !sym->has_copyrel && !sym->is_canonical))
      return arena_sprintf(a, "GOT entry at 0x%lx filled by %s",
                           (unsigned long)symbol_got_address(ctx, sym),
                           rname(ctx->arch->r_glob_dat));
    return arena_sprintf(a, "GOT entry at 0x%lx holding %s%s",
                         (unsigned long)symbol_got_address(ctx, sym),
                         pic ? "the address via " : "the link-time address",
                         pic ? rname(ctx->arch->r_relative) : "");
  case A_PLT:
    if (AUX(sym)->pltgot_idx >= 0)
      return arena_sprintf(a, ".plt.got entry at 0x%lx, jumping through the GOT entry",
                           (unsigned long)plt_entry_address(ctx, sym));
    if (AUX(sym)->plt_idx < 0)
      return "direct call (the symbol is not preemptible)";
    return arena_sprintf(a, "PLT entry at 0x%lx + %s", (unsigned long)plt_entry_address(ctx, sym),
                         rname(ctx->arch->r_jump_slot));
  case A_CANONICAL:
    if (sym->has_copyrel)
      return arena_sprintf(a, "COPY relocation: the object is copied to 0x%lx in %s (size %lu)",
                           (unsigned long)symbol_address(ctx, sym),
                           sym->copyrel_readonly ? ".copyrel.rel.ro" : ".copyrel",
                           (unsigned long)sym->size);
    if (sym->is_canonical)
      return arena_sprintf(a,
                           "canonical PLT entry at 0x%lx: the function's address everywhere, "
                           "exported with st_shndx UND and st_value set",
                           (unsigned long)plt_entry_address(ctx, sym));
    return "needs a COPY or canonical PLT entry (none created: see errors)";
  case A_ERR_PIC:
    return "error: cannot be expressed at run time; recompile with -fPIC/-fPIE";
  case A_ERR_PROT:
    return "error: would need a copy relocation or canonical PLT entry for a protected symbol";
  case A_ERR_ABS:
    return "error: PC-relative reference to an absolute symbol in position-independent output";
  case A_TLS:
    if (ctx->opt.kind == OUT_SHARED)
      return "TLS access kept dynamic (GOT entries with DTPMOD64/DTPOFF64/TPOFF64/TLSDESC)";
    return sym->is_imported
               ? arena_sprintf(a, "TLS access relaxed to initial-exec (GOT entry with %s)",
                               rname(ctx->arch->r_tpoff))
               : "TLS access relaxed to local-exec (offset from the thread pointer)";
  case A_IPLT:
    return AUX(sym)->iplt_idx >= 0 ? arena_sprintf(a, ".iplt entry at 0x%lx, its slot filled by %s",
                                                   (unsigned long)symbol_address(ctx, sym),
                                                   rname(ctx->arch->r_irelative))
                                   : ".iplt entry";
  }
  return "?";
}

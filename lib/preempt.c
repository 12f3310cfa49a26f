/* Import, export and preemptibility (DESIGN.md sec. 4), decided once per symbol.
 *
 * Executable: nothing we define can be preempted (the executable comes first in the
 * loader's search order). We export what linked shared objects reference (they may
 * call back), everything under --export-dynamic, names from --export-dynamic-symbol
 * and --dynamic-list, and later whatever gets a COPY or canonical PLT entry.
 *
 * Shared object: every default- or protected-visibility definition is exported.
 * A default-visibility one is preemptible (another module may interpose it, gABI
 * "Symbol Resolution") unless -Bsymbolic and friends bind it locally; a name in
 * --dynamic-list stays preemptible even then. Protected ones are exported but bind
 * locally. Undefined symbols are left to the loader. */
#include "rivet.h"

#include <fnmatch.h>
#include <stdlib.h>

/* A dynamic-list or --export-dynamic-symbol pattern; those in an extern "C++" block
 * match the demangled name. */
typedef struct DynPattern {
  const char *text;
  bool cxx;
  bool literal; /* quoted: compared whole, not as a glob */
} DynPattern;

typedef VEC(DynPattern) PatternVec;

/* A dynamic list is "{ sym; pattern*; extern "C++" { "ns::f(int)"; ns::*; }; };". */
static void read_dynamic_list(Ctx *ctx, const char *path, PatternVec *out) {
  MappedFile *mf = map_script_file(ctx, path);
  if (!mf)
    return;
  ScriptTokenVec toks = {0};
  if (!tokenize_linker_script(ctx, path, (const char *)mf->data, mf->size, &toks)) {
    free(toks.data);
    return;
  }
  i64 depth = 0, before = out->len;
  bool in_cxx = false;
  for (i64 i = 0; i < toks.len; i++) {
    const char *t = toks.data[i].str;
    if (!strcmp(t, "{")) {
      depth++;
    } else if (!strcmp(t, "}")) {
      depth--;
      in_cxx = false;
    } else if (!strcmp(t, "extern")) {
      in_cxx = i + 1 < toks.len && !strcmp(toks.data[i + 1].str, "C++");
      if (i + 1 < toks.len)
        i++;
    } else if (depth >= 1 && strcmp(t, ";") && strcmp(t, ":")) {
      vec_push(out, ((DynPattern){t, in_cxx, toks.data[i].quoted}));
    }
  }
  if (depth != 0)
    error(ctx, "%s: unbalanced braces in dynamic list", path);
  else if (out->len == before)
    error(ctx, "%s: syntax error in dynamic list: it names no symbol", path);
  free(toks.data);
}

static bool matches_any(Ctx *ctx, const PatternVec *pats, const char *name) {
  const char *demangled = NULL;
  bool tried = false;
  for (i64 i = 0; i < pats->len; i++) {
    const DynPattern *p = &pats->data[i];
    if (p->cxx && !tried) {
      demangled = demangle(local_arena(ctx), name);
      tried = true;
    }
    const char *subject = p->cxx ? demangled : name;
    if (subject && (p->literal ? !strcmp(p->text, subject) : !fnmatch(p->text, subject, 0)))
      return true;
  }
  return false;
}

/* Does -Bsymbolic (or a variant) bind this definition to itself? */
static bool bound_symbolically(Ctx *ctx, const Symbol *sym) {
  bool func = sym->type == STT_FUNC || sym->type == STT_GNU_IFUNC;
  bool weak = sym->binding == STB_WEAK;
  switch (ctx->opt.bsymbolic) {
  case BSYMBOLIC_ALL:
    return true;
  case BSYMBOLIC_FUNCTIONS:
    return func;
  case BSYMBOLIC_NON_WEAK_FUNCTIONS:
    return func && !weak;
  case BSYMBOLIC_NON_WEAK:
    return !weak;
  default:
    return false;
  }
}

/* --exclude-libs LIB,...: symbols from those archives (or ALL) are not exported. */
static bool excluded_by_lib(Ctx *ctx, const InputFile *f) {
  const char *list = ctx->opt.exclude_libs;
  if (!list || !f->archive_name)
    return false;
  const char *base = strrchr(f->archive_name, '/');
  base = base ? base + 1 : f->archive_name;
  size_t blen = strlen(base);
  for (const char *p = list; *p;) {
    const char *end = p + strcspn(p, ",:");
    size_t n = (size_t)(end - p);
    if ((n == 3 && !strncmp(p, "ALL", 3)) || (n == blen && !strncmp(p, base, n)))
      return true;
    p = *end ? end + 1 : end;
  }
  return false;
}

typedef struct ExportRules {
  bool shared;
  bool dynamic_undefined_weak; /* an executable's undefined weaks go to .dynsym */
  PatternVec export_pats, dynlist_pats;
  bool dynlist; /* some dynamic-list option was given: it decides -shared binding */
  bool dynlist_data; /* --dynamic-list-data */
} ExportRules;

/* The rules for one symbol: what it depends on is the symbol itself and the options. */
static void decide_import_export(Ctx *ctx, Symbol *sym, const ExportRules *rules) {
  GlobalSymbol *g = global_symbol(sym);
  bool shared = rules->shared;
  const PatternVec *export_pats = &rules->export_pats, *dynlist_pats = &rules->dynlist_pats;
  sym->is_imported = sym->file && sym->file->kind == FILE_DSO;
  sym->is_preemptible = sym->is_imported;
  if (sym->is_imported)
    g->preempt_reason = "defined in a shared object: imported, the loader binds it";
  if (!symbol_is_defined(sym)) {
    /* A shared object leaves its undefined symbols to the loader (DYN-U). So does a
     * dynamically linked executable with an undefined weak, as GNU ld and lld do
     * (-z dynamic-undefined-weak, their default): a library loaded at run time may
     * define it, seen through the GOT and PLT, while direct references in a non-PIE
     * are 0 (see the decision table). Otherwise an undefined weak is 0. */
    /* A protected reference, like a hidden one, must be defined in this output: the
     * loader may not bind it to another module (an error, or 0 when weak). */
    bool hidden = sym->visibility != STV_DEFAULT;
    bool weak = !sym->has_strong_ref;
    /* An undefined reference that --unresolved-symbols (or its relatives) lets pass
     * is the loader's to find in a dynamic executable, as lld and mold leave it; in a
     * static one nothing can, and it is 0. */
    bool let_pass = !weak && !shared && undefined_is_let_pass(ctx, sym);
    if (!hidden && ((shared && !(weak && ctx->opt.nodynamic_undefined_weak)) ||
                    (weak && rules->dynamic_undefined_weak) || (let_pass && ctx->is_dynamic))) {
      sym->is_preemptible = true;
      g->preempt_reason = shared     ? "undefined in a shared object: left to the loader"
                          : let_pass ? "undefined, let pass by --unresolved-symbols or "
                                       "--warn-unresolved-symbols: left to the loader"
                                     : "undefined weak in a dynamically linked executable: "
                                       "left to the loader (-z dynamic-undefined-weak)";
    } else if (let_pass) {
      sym->is_abs = true;
      g->preempt_reason = "undefined, let pass in a static link: bound to 0";
    } else if (weak) {
      sym->is_abs = true;
      g->preempt_reason = "undefined weak: bound to 0 at link time";
    }
    return;
  }
  if (sym->is_imported)
    return;
  if (!shared)
    g->preempt_reason = "defined in an executable: the executable is first in the "
                        "loader's search order, so it cannot be preempted";
  /* Linker-defined symbols are hidden, except __start_/__stop_ (protected by default)
   * and --defsym's, which are exported by the same rules as an object's. */
  if (!ctx->is_dynamic)
    return;
  bool visible = sym->visibility == STV_DEFAULT || sym->visibility == STV_PROTECTED;
  if (!visible) {
    g->preempt_reason = "hidden visibility: not exported, binds locally";
    return;
  }
  if (sym->file && excluded_by_lib(ctx, sym->file)) {
    g->preempt_reason = "--exclude-libs: not exported, binds locally";
    return;
  }
  bool in_dynlist = (rules->dynlist_data && sym->type == STT_OBJECT) ||
                    (dynlist_pats->len && matches_any(ctx, dynlist_pats, sym->name));
  bool in_export = export_pats->len && matches_any(ctx, export_pats, sym->name);
  if (shared) {
    /* A dynamic list names the symbols that stay preemptible; all others bind
     * locally (GNU ld). Without one, -Bsymbolic and its variants decide. */
    bool listed = in_dynlist || in_export;
    bool symbolic = rules->dynlist ? !in_dynlist : bound_symbolically(ctx, sym);
    sym->is_exported = true;
    sym->is_preemptible = sym->visibility == STV_DEFAULT && (listed || !symbolic);
    if (sym->visibility == STV_PROTECTED)
      g->preempt_reason = "protected visibility: exported, but references from this "
                          "shared object bind locally";
    else if (!sym->is_preemptible && rules->dynlist)
      g->preempt_reason = "exported, but bound locally: not named by a dynamic list "
                          "(--dynamic-list*, or --export-dynamic-symbol* with -Bsymbolic)";
    else if (!sym->is_preemptible)
      g->preempt_reason = "exported, but bound locally by -Bsymbolic (or a variant)";
    else if (in_dynlist)
      g->preempt_reason = "named by a dynamic list: exported and preemptible";
    else
      g->preempt_reason = "default visibility in a shared object: exported and "
                          "preemptible (another module may interpose it)";
  } else if (((sym->referenced_by_dso || sym->defined_by_dso) && dso_binds_to_definition(sym)) ||
             ctx->opt.export_dynamic ||
             in_dynlist || (export_pats->len && matches_any(ctx, export_pats, sym->name))) {
    sym->is_exported = true;
  }
}

enum { SYMBOLS_PER_TASK = 1 << 14 };

static void decide_slots_task(Ctx *ctx, i64 t, void *arg) {
  i64 end = MIN(ctx->symtab_cap, (t + 1) * SYMBOLS_PER_TASK);
  for (i64 i = t * SYMBOLS_PER_TASK; i < end; i++) {
    Symbol *sym = symbol_in_slot(ctx, i);
    if (sym)
      decide_import_export(ctx, sym, arg);
  }
}

/* A version script's "local:" takes the symbol out of the dynamic symbol table. */
static void apply_forced_local_task(Ctx *ctx, i64 t, void *arg) {
  (void)arg;
  i64 end = MIN(ctx->symtab_cap, (t + 1) * SYMBOLS_PER_TASK);
  for (i64 i = t * SYMBOLS_PER_TASK; i < end; i++) {
    Symbol *sym = symbol_in_slot(ctx, i);
    if (sym && sym->forced_local) {
      sym->is_exported = sym->is_preemptible = false;
      global_symbol(sym)->preempt_reason =
          "made local by a version script: not exported, binds locally";
    }
    if (sym && sym->is_version_alias)
      sym->is_exported = sym->is_preemptible = false;
  }
}

void compute_import_export(Ctx *ctx) {
  ExportRules rules = {.shared = ctx->opt.kind == OUT_SHARED};
  rules.dynamic_undefined_weak = !rules.shared && ctx->opt.dynamic_undefined_weak &&
                                 ctx->dsos.len > 0 && ctx->opt.dynamic_linker;
  PatternVec *exports =
      ctx->opt.exports_in_dynamic_list && rules.shared ? &rules.dynlist_pats : &rules.export_pats;
  for (i64 i = 0; i < ctx->opt.export_dynamic_symbols.len; i++)
    vec_push(exports, ((DynPattern){ctx->opt.export_dynamic_symbols.data[i], false, false}));
  for (i64 i = 0; i < ctx->opt.export_dynamic_symbol_lists.len; i++)
    read_dynamic_list(ctx, ctx->opt.export_dynamic_symbol_lists.data[i], exports);
  for (i64 i = 0; i < ctx->opt.dynamic_lists.len; i++)
    read_dynamic_list(ctx, ctx->opt.dynamic_lists.data[i], &rules.dynlist_pats);
  /* GNU ld's built-in lists (ldlang.c): demangled names, as in extern "C++". */
  if (ctx->opt.dynamic_list_cpp_new) {
    vec_push(&rules.dynlist_pats, ((DynPattern){"operator new*", true, false}));
    vec_push(&rules.dynlist_pats, ((DynPattern){"operator delete*", true, false}));
  }
  if (ctx->opt.dynamic_list_cpp_typeinfo) {
    vec_push(&rules.dynlist_pats, ((DynPattern){"typeinfo name for*", true, false}));
    vec_push(&rules.dynlist_pats, ((DynPattern){"typeinfo for*", true, false}));
  }
  rules.dynlist_data = ctx->opt.dynamic_list_data;
  rules.dynlist = rules.dynlist_pats.len || rules.dynlist_data || ctx->opt.dynamic_lists.len ||
                  (ctx->opt.exports_in_dynamic_list && rules.shared);
  /* Each symbol is decided on its own: the table is cut into runs of slots. */
  parallel_for(ctx, (ctx->symtab_cap + SYMBOLS_PER_TASK - 1) / SYMBOLS_PER_TASK, decide_slots_task,
               &rules);
  free(rules.export_pats.data);
  free(rules.dynlist_pats.data);

  if (apply_version_scripts(ctx))
    parallel_for(ctx, (ctx->symtab_cap + SYMBOLS_PER_TASK - 1) / SYMBOLS_PER_TASK,
                 apply_forced_local_task, NULL);
}

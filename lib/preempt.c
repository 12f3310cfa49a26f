/* Import, export and preemptibility (DESIGN.md sec. 4), decided once per symbol.
 * In an executable nothing we define can be preempted: the executable comes first in
 * the loader's search order. A shared object's definition is imported. We export what
 * the linked shared objects reference (they may call back into the executable), all
 * default-visibility definitions under --export-dynamic, the names given by
 * --export-dynamic-symbol and --dynamic-list, and anything that ends up with a COPY
 * relocation or a canonical PLT entry (decided later, in the scan). */
#include "rivet.h"

#include <fnmatch.h>
#include <stdlib.h>

typedef VEC(const char *) PatternVec;

/* A dynamic list is "{ sym; pattern*; extern "C++" { ... }; };". Only the C names
 * are taken; C++ blocks are skipped. */
static void read_dynamic_list(Ctx *ctx, const char *path, PatternVec *out) {
  MappedFile *mf = map_file_or_error(ctx, path);
  if (!mf)
    return;
  ScriptTokenVec toks = {0};
  if (!tokenize_linker_script(ctx, path, (const char *)mf->data, mf->size, &toks))
    return;
  i64 depth = 0;
  bool in_cxx = false;
  for (i64 i = 0; i < toks.len; i++) {
    const char *t = toks.data[i].str;
    if (!strcmp(t, "{")) {
      depth++;
    } else if (!strcmp(t, "}")) {
      depth--;
      in_cxx = false;
    } else if (!strcmp(t, "extern")) {
      in_cxx = true;
      if (i + 1 < toks.len)
        i++;
    } else if (depth >= 1 && !in_cxx && strcmp(t, ";") && strcmp(t, ":")) {
      vec_push(out, t);
    }
  }
  if (depth != 0)
    error(ctx, "%s: unbalanced braces in dynamic list", path);
  free(toks.data);
}

static bool matches_any(const PatternVec *pats, const char *name) {
  for (i64 i = 0; i < pats->len; i++)
    if (!fnmatch(pats->data[i], name, 0))
      return true;
  return false;
}

void compute_import_export(Ctx *ctx) {
  PatternVec export_pats = {0};
  for (i64 i = 0; i < ctx->opt.export_dynamic_symbols.len; i++)
    vec_push(&export_pats, ctx->opt.export_dynamic_symbols.data[i]);
  for (i64 i = 0; i < ctx->opt.dynamic_lists.len; i++)
    read_dynamic_list(ctx, ctx->opt.dynamic_lists.data[i], &export_pats);

  for (i64 i = 0; i < ctx->symtab_cap; i++) {
    Symbol *sym = ctx->symtab[i];
    if (!sym)
      continue;
    sym->is_imported = sym->file && sym->file->kind == FILE_DSO;
    sym->is_preemptible = sym->is_imported;
    /* An executable binds an undefined weak reference to 0 at link time: it needs no
     * dynamic symbol (mold passes.cc "claim_unresolved_symbols"). */
    if (!symbol_is_defined(sym) && !sym->has_strong_ref && ctx->opt.kind != OUT_SHARED)
      sym->is_abs = true;
    if (sym->is_imported || !symbol_is_defined(sym) || !ctx->is_dynamic)
      continue;
    bool visible = sym->visibility == STV_DEFAULT || sym->visibility == STV_PROTECTED;
    if (visible && (sym->referenced_by_dso || ctx->opt.export_dynamic ||
                    (export_pats.len && matches_any(&export_pats, sym->name))))
      sym->is_exported = true;
  }
  free(export_pats.data);
}

/* Import, export and preemptibility (DESIGN.md sec. 4), decided once per symbol.
 * In an executable nothing we define can be preempted: the executable comes first in
 * the loader's search order. A shared object's definition is imported. We export what
 * the linked shared objects reference (they may call back into the executable), all
 * default-visibility definitions under --export-dynamic, and anything that ends up
 * with a COPY relocation or a canonical PLT entry (decided later, in the scan). */
#include "rivet.h"

void compute_import_export(Ctx *ctx) {
  for (i64 i = 0; i < ctx->symtab_cap; i++) {
    Symbol *sym = ctx->symtab[i];
    if (!sym)
      continue;
    sym->is_imported = sym->file && sym->file->kind == FILE_DSO;
    sym->is_preemptible = sym->is_imported;
    if (sym->is_imported || !symbol_is_defined(sym) || !ctx->is_dynamic)
      continue;
    bool visible = sym->visibility == STV_DEFAULT || sym->visibility == STV_PROTECTED;
    if (visible && (sym->referenced_by_dso || ctx->opt.export_dynamic))
      sym->is_exported = true;
  }
  /* An executable binds an undefined weak reference to 0 at link time (mold
   * passes.cc "claim_unresolved_symbols"): it needs no dynamic symbol. */
  for (i64 i = 0; i < ctx->symtab_cap; i++) {
    Symbol *sym = ctx->symtab[i];
    if (sym && !symbol_is_defined(sym) && !sym->has_strong_ref && ctx->opt.kind != OUT_SHARED)
      sym->is_abs = true;
  }
}

/* -z rewrite-endbr (mold): under CET indirect branch tracking an indirect call or jump
 * must land on a landing pad (x86-64: endbr64), so compilers begin every global
 * function with one, not knowing whether another file takes its address. The linker
 * sees every file: a global function whose address nobody takes, which is only called
 * or jumped to directly, gets a no-op in place of its landing pad, leaving fewer
 * places an attacker's indirect branch may reach.
 *
 * mold's rule, which rivet follows: the candidates are the global STT_FUNC symbols of
 * object files defined in live executable sections. A landing pad is then put back
 * wherever an allocated section's relocation other than a direct branch names the
 * place (as the symbol or as section + addend: the address is taken), and for the
 * entry point, the DT_INIT/DT_FINI functions and every symbol exported in .dynsym,
 * whose addresses the loader or other modules use. Static (local) functions are left
 * alone: a compiler gives them a landing pad only when their address is taken. The
 * .eh_frame records name every function but do not branch to it. rivet also keeps
 * the pad of a function at an IFUNC symbol's place: the loader calls resolvers
 * through a pointer. */
#include "arch.h"
#include "rivet.h"

/* ICF leaves one copy of identical sections: the place is in the kept one. */
static InputSection *kept_copy(InputSection *isec) {
  while (isec && isec->folded_into)
    isec = isec->folded_into;
  return isec;
}

/* The output bytes at isec + offset, if a landing pad fits there in a live executable
 * section; NULL otherwise. */
static u8 *code_place(Ctx *ctx, InputSection *isec, u64 offset) {
  isec = kept_copy(isec);
  i64 size = ctx->arch->landing_pad_size;
  if (!isec || !isec->is_alive || !isec->osec || !(isec->flags & SHF_EXECINSTR) ||
      isec->type == SHT_NOBITS || offset > isec->size || isec->size - offset < (u64)size)
    return NULL;
  return ctx->buf + isec->osec->shdr.sh_offset + isec->offset + offset;
}

/* Byte stores: two threads may write the same bytes (functions folded together, a
 * place named by relocations of two files); relaxed atomics keep that well defined. */
static void store_bytes(u8 *dst, const u8 *src, i64 n) {
  for (i64 i = 0; i < n; i++)
    __atomic_store_n(&dst[i], src[i], __ATOMIC_RELAXED);
}

/* A landing pad in the input at isec + offset goes back into the output there. */
static void keep_landing_pad(Ctx *ctx, InputSection *isec, u64 offset) {
  const Arch *arch = ctx->arch;
  u8 *out = code_place(ctx, isec, offset);
  if (out && !memcmp(isec->contents + offset, arch->landing_pad, (size_t)arch->landing_pad_size))
    store_bytes(out, arch->landing_pad, arch->landing_pad_size);
}

static void keep_symbol_landing_pad(Ctx *ctx, const Symbol *sym) {
  if (sym && sym->isec)
    keep_landing_pad(ctx, sym->isec, sym->value);
}

static void replace_landing_pads_task(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  const Arch *arch = ctx->arch;
  InputFile *f = ctx->objs.data[fi];
  for (i64 i = f->first_global; i < f->nsyms; i++) {
    Symbol *sym = f->syms[i];
    if (sym->file != f || sym->type != STT_FUNC || !sym->isec)
      continue;
    u8 *out = code_place(ctx, sym->isec, sym->value);
    if (out && !memcmp(out, arch->landing_pad, (size_t)arch->landing_pad_size))
      store_bytes(out, arch->landing_pad_nop, arch->landing_pad_size);
  }
}

/* Every place an allocated section's relocation takes the address of. */
static void keep_address_taken_task(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[fi];
  for (i64 k = 0; f->sections && k < f->nshdrs; k++) {
    InputSection *isec = f->sections[k];
    if (!isec || !isec->is_alive || !(isec->flags & SHF_ALLOC) || isec->is_eh_frame)
      continue;
    for (i64 r = 0; r < isec->nrels; r++) {
      const ERela *rel = &isec->rels[r];
      if (ctx->arch->is_direct_branch(ELF64_R_TYPE(rel->r_info)))
        continue;
      Symbol *sym = f->syms[ELF64_R_SYM(rel->r_info)];
      if (sym->type == STT_SECTION && sym->isec)
        keep_landing_pad(ctx, sym->isec, (u64)rel->r_addend);
      else
        keep_symbol_landing_pad(ctx, sym);
    }
  }
}

/* Addresses the loader and other modules call through. */
static void keep_loader_entry_points(Ctx *ctx) {
  keep_symbol_landing_pad(ctx, find_symbol(ctx, ctx->opt.entry ? ctx->opt.entry : "_start"));
  keep_symbol_landing_pad(ctx,
                          find_symbol(ctx, ctx->opt.init_symbol ? ctx->opt.init_symbol : "_init"));
  keep_symbol_landing_pad(ctx,
                          find_symbol(ctx, ctx->opt.fini_symbol ? ctx->opt.fini_symbol : "_fini"));
  for (i64 i = 1; i < ctx->dynsyms.len; i++)
    if (ctx->dynsyms.data[i] && ctx->dynsyms.data[i]->is_exported)
      keep_symbol_landing_pad(ctx, ctx->dynsyms.data[i]);
  for (i64 fi = 0; fi < ctx->objs.len; fi++) {
    InputFile *f = ctx->objs.data[fi];
    for (i64 i = f->first_global; i < f->nsyms; i++)
      if (f->syms[i]->file == f && symbol_is_ifunc(f->syms[i]))
        keep_symbol_landing_pad(ctx, f->syms[i]);
  }
}

void rewrite_endbr(Ctx *ctx) {
  if (!ctx->opt.z_rewrite_endbr)
    return;
  if (!ctx->arch->landing_pad_size) {
    error(ctx, "-z rewrite-endbr: the %s target has no landing pads to rewrite", ctx->arch->name);
    return;
  }
  parallel_for(ctx, ctx->objs.len, replace_landing_pads_task, NULL);
  parallel_for(ctx, ctx->objs.len, keep_address_taken_task, NULL);
  keep_loader_entry_points(ctx);
}

/* .plt, .iplt and their .got.plt slots and .rela.plt entries.
 * .got.plt: [0] = _DYNAMIC, [1] and [2] for the loader (link map, resolver), then one
 * slot per .plt entry, then one per .iplt entry. A .plt slot starts out pointing at the
 * push in its own entry (psABI "Procedure Linkage Table": lazy binding), so the first
 * call goes through the resolver. With an IBT PLT (x86-64 psABI, CET) callers reach a
 * .plt.sec entry, endbr64 then the jump through the slot, and the slot starts out at
 * the .plt entry's endbr64. An .iplt slot is filled at start-up by IRELATIVE,
 * whose addend is the IFUNC resolver (glibc: apply_irel in static programs, the
 * loader in dynamic ones). */
#include "arch.h"
#include "rivet.h"

i64 pltgot_entry_size(const Ctx *ctx) {
  return ctx->ibt_plt ? ctx->arch->ibt_pltgot_entry_size : ctx->arch->pltgot_entry_size;
}

/* The chunks of PLT code that will hold entries, in the order GNU ld gives their
 * FDEs (.plt, .plt.got, .plt.sec), then .iplt; returns how many. */
i64 plt_chunks_with_entries(Ctx *ctx, Chunk **out) {
  i64 n = 0;
  if (ctx->plt && ctx->plt_syms.len)
    out[n++] = ctx->plt;
  if (ctx->pltgot && ctx->pltgot_syms.len)
    out[n++] = ctx->pltgot;
  if (ctx->plt_sec && ctx->ibt_plt && ctx->plt_syms.len)
    out[n++] = ctx->plt_sec;
  if (ctx->iplt && ctx->iplt_syms.len)
    out[n++] = ctx->iplt;
  return n;
}

void write_plt(Ctx *ctx) {
  const Arch *arch = ctx->arch;
  u8 *gotplt = ctx->buf + ctx->gotplt->shdr.sh_offset;
  u64 gotplt_addr = ctx->gotplt->shdr.sh_addr;
  u8 *rela = ctx->buf + ctx->rela_iplt->shdr.sh_offset;
  i64 nrela = 0;
  i64 nplt = ctx->plt_syms.len;
  if (ctx->dynamic)
    wr64(gotplt, ctx->dynamic->shdr.sh_addr);
  if (ctx->plt && nplt) {
    u8 *plt = ctx->buf + ctx->plt->shdr.sh_offset;
    u64 plt_addr = ctx->plt->shdr.sh_addr;
    arch->write_plt_header(ctx, plt, plt_addr, gotplt_addr);
    for (i64 i = 0; i < nplt; i++) {
      Symbol *sym = ctx->plt_syms.data[i];
      u64 off = (u64)arch->plt_header_size + (u64)i * (u64)arch->plt_entry_size;
      u64 entry = plt_addr + off;
      u64 slot = gotplt_addr + (u64)(3 + i) * 8;
      arch->write_plt_entry(ctx, plt + off, entry, slot, i, plt_addr);
      wr64(gotplt + (3 + i) * 8, arch->plt_lazy_target(ctx, entry));
      if (ctx->ibt_plt) {
        u64 sec = plt_entry_address(ctx, sym);
        arch->write_plt_sec_entry(
            ctx, ctx->buf + ctx->plt_sec->shdr.sh_offset + (sec - ctx->plt_sec->shdr.sh_addr), sec,
            slot);
      }
      Elf64_Rela r = {.r_offset = slot,
                      .r_info = ELF64_R_INFO((u32)sym->dynsym_idx, arch->r_jump_slot)};
      memcpy(rela + nrela++ * (i64)sizeof r, &r, sizeof r);
    }
  }
  for (i64 i = 0; ctx->pltgot && i < ctx->pltgot_syms.len; i++) {
    Symbol *sym = ctx->pltgot_syms.data[i];
    u64 entry = plt_entry_address(ctx, sym);
    arch->write_pltgot_entry(
        ctx, ctx->buf + ctx->pltgot->shdr.sh_offset + (entry - ctx->pltgot->shdr.sh_addr), entry,
        symbol_got_address(ctx, sym));
  }
  u8 *iplt = ctx->buf + ctx->iplt->shdr.sh_offset;
  for (i64 i = 0; i < ctx->iplt_syms.len; i++) {
    Symbol *sym = ctx->iplt_syms.data[i];
    u64 slot = gotplt_addr + (u64)(3 + nplt + i) * 8;
    u64 entry = ctx->iplt->shdr.sh_addr + (u64)i * (u64)arch->iplt_entry_size;
    u64 resolver = symbol_definition_address(ctx, sym);
    arch->write_iplt_entry(ctx, iplt + i * arch->iplt_entry_size, entry, slot);
    wr64(gotplt + (3 + nplt + i) * 8, resolver);
    Elf64_Rela r = {
        .r_offset = slot, .r_info = ELF64_R_INFO(0, arch->r_irelative), .r_addend = (i64)resolver};
    memcpy(rela + nrela++ * (i64)sizeof r, &r, sizeof r);
  }
}

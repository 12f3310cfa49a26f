/* .rela.dyn: the relocations the loader applies at start-up. RELATIVE ones come first
 * and are counted in DT_RELACOUNT (glibc processes that prefix without symbol
 * lookups). Entries are gathered serially in section order, so their order does not
 * depend on threads. */
#include "arch.h"
#include "rivet.h"

void add_dynrel(Ctx *ctx, DynRel r) {
  if (r.type == ctx->arch->r_relative)
    ctx->nrelative++;
  vec_push(&ctx->dynrels, r);
}

DynRel chunk_dynrel(Chunk *chunk, u64 offset, u32 type, Symbol *sym, bool sym_is_target) {
  return (DynRel){.where = chunk,
                  .sym = sym,
                  .pos = offset,
                  .type = (u16)type,
                  .from_isec = false,
                  .sym_is_target = sym_is_target};
}

u64 dynrel_place(Ctx *ctx, const DynRel *r) {
  if (r->from_isec) {
    InputSection *isec = r->where;
    return isec_address(ctx, isec, reloc_place_offset(isec, isec->rels[r->pos].r_offset));
  }
  return ((Chunk *)r->where)->shdr.sh_addr + r->pos;
}

static void write_one(Ctx *ctx, const DynRel *r, Elf64_Rela *out) {
  Elf64_Rela rela = {.r_offset = dynrel_place(ctx, r)};
  i64 addend = r->from_isec ? ((InputSection *)r->where)->rels[r->pos].r_addend : 0;
  if (r->type == ctx->arch->r_relative) {
    u64 target = reloc_target_address(ctx, r->sym, &addend);
    rela.r_info = ELF64_R_INFO(0, r->type);
    rela.r_addend = (i64)(target + (u64)addend);
  } else if (r->sym_is_target) {
    /* Our own TLS variable: its offset in this module's block is the addend. */
    rela.r_info = ELF64_R_INFO(0, r->type);
    rela.r_addend = (i64)(symbol_address(ctx, r->sym) - ctx->tls_begin) + addend;
  } else {
    rela.r_info = ELF64_R_INFO(r->sym ? (u32)r->sym->dynsym_idx : 0, r->type);
    rela.r_addend = r->type == ctx->arch->r_abs_word ? addend : 0;
  }
  memcpy(out, &rela, sizeof rela);
}

/* GNU ld's order (-z combreloc): RELATIVE first, then the rest, and last those that
 * run an IFUNC resolver (IRELATIVE, or against an IFUNC symbol), so that whatever a
 * resolver reads through the GOT is relocated when the loader calls it. */
static int reloc_class(Ctx *ctx, const DynRel *r) {
  if (r->type == ctx->arch->r_relative)
    return 0;
  if (r->type == ctx->arch->r_irelative || (r->sym && r->sym->type == STT_GNU_IFUNC))
    return 2;
  return 1;
}

void write_rela_dyn(Ctx *ctx) {
  if (!ctx->rela_dyn || !ctx->rela_dyn->shndx)
    return;
  Elf64_Rela *out = (Elf64_Rela *)(ctx->buf + ctx->rela_dyn->shdr.sh_offset);
  i64 n = 0;
  for (int pass = 0; pass < 3; pass++)
    for (i64 i = 0; i < ctx->dynrels.len; i++) {
      const DynRel *r = &ctx->dynrels.data[i];
      if (!r->in_relr && reloc_class(ctx, r) == pass)
        write_one(ctx, r, &out[n++]);
    }
}

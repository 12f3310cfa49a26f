/* .rela.dyn: the relocations the loader applies at start-up. RELATIVE ones come first
 * and are counted in DT_RELACOUNT (glibc processes that prefix without symbol
 * lookups). Entries are listed in file and section order (each file's stretch filled
 * on its own thread) and written in blocks, so their order does not depend on
 * threads. */
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

static int reloc_class(Ctx *ctx, const DynRel *r);

/* -z report-relative-reloc (GNU ld): one line per RELATIVE or IRELATIVE relocation,
 * in GNU ld's words, naming the symbol (a section symbol by its section) and the input
 * section whose word it relocates. Addresses are final here. */
void report_relative_relocs(Ctx *ctx) {
  if (!ctx->opt.z_report_relative_reloc)
    return;
  for (int pass = 0; pass < 3; pass++)
    for (i64 i = 0; i < ctx->dynrels.len; i++) {
      const DynRel *r = &ctx->dynrels.data[i];
      if (reloc_class(ctx, r) != pass ||
          (r->type != ctx->arch->r_relative && r->type != ctx->arch->r_irelative))
        continue;
      Elf64_Rela rela;
      write_one(ctx, r, &rela);
      const Symbol *sym = r->sym;
      const char *name = !sym ? "" : *sym->name || !sym->isec ? sym->name : sym->isec->name;
      fprintf(stderr, "%s: %s (offset: 0x%lx, info: 0x%lx, addend: 0x%lx) against '%s'",
              ctx->opt.output, ctx->arch->reloc_name(r->type), (unsigned long)rela.r_offset,
              (unsigned long)rela.r_info, (unsigned long)rela.r_addend, name);
      if (r->from_isec) {
        const InputSection *isec = r->where;
        fprintf(stderr, " for section '%s' in %s\n", isec->name, isec->file->name);
      } else {
        fprintf(stderr, " for section '%s'\n", ((const Chunk *)r->where)->name);
      }
    }
}

/* --no-apply-dynamic-relocs (lld): the places of RELA relocations hold zero, as their
 * addends are in .rela.dyn; RELR-packed ones keep theirs, which is all RELR has. Run
 * after every section is written. */
void clear_dynamic_reloc_places(Ctx *ctx) {
  if (!ctx->opt.no_apply_dynamic_relocs)
    return;
  for (i64 i = 0; i < ctx->dynrels.len; i++) {
    const DynRel *r = &ctx->dynrels.data[i];
    if (r->in_relr)
      continue;
    const Chunk *c = r->from_isec ? ((InputSection *)r->where)->osec : r->where;
    u64 place = dynrel_place(ctx, r);
    if (c && c->shdr.sh_type != SHT_NOBITS)
      memset(ctx->buf + c->shdr.sh_offset + (place - c->shdr.sh_addr), 0,
             (size_t)ctx->arch->word_size);
  }
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

/* .rela.dyn is written in blocks of entries on all threads: each block's entries of
 * each class go to their own stretch, placed by counting every class of every block
 * first, so the table is the serial order (class by class, in list order) whatever
 * the thread count. */
enum { RELA_BLOCK = 8192, NCLASSES = 3 };

static void count_block_task(Ctx *ctx, i64 b, void *arg) {
  (void)arg;
  i64 *count = ctx->rela_block_start[b];
  for (i64 i = b * RELA_BLOCK, end = MIN(i + RELA_BLOCK, ctx->dynrels.len); i < end; i++) {
    const DynRel *r = &ctx->dynrels.data[i];
    if (!r->in_relr)
      count[reloc_class(ctx, r)]++;
  }
}

/* The number of blocks to write. */
i64 plan_rela_dyn(Ctx *ctx) {
  if (!ctx->rela_dyn || !ctx->rela_dyn->shndx || !ctx->dynrels.len)
    return 0;
  i64 n = (ctx->dynrels.len + RELA_BLOCK - 1) / RELA_BLOCK;
  ctx->rela_block_start = arena_alloc(&ctx->arena, n * (i64)sizeof(i64[NCLASSES]), 8);
  parallel_for(ctx, n, count_block_task, NULL);
  i64 next = 0;
  for (int c = 0; c < NCLASSES; c++)
    for (i64 b = 0; b < n; b++) {
      i64 count = ctx->rela_block_start[b][c];
      ctx->rela_block_start[b][c] = next;
      next += count;
    }
  return n;
}

void write_rela_dyn_block(Ctx *ctx, i64 b) {
  Elf64_Rela *out = (Elf64_Rela *)(ctx->buf + ctx->rela_dyn->shdr.sh_offset);
  i64 next[NCLASSES];
  memcpy(next, ctx->rela_block_start[b], sizeof next);
  for (i64 i = b * RELA_BLOCK, end = MIN(i + RELA_BLOCK, ctx->dynrels.len); i < end; i++) {
    const DynRel *r = &ctx->dynrels.data[i];
    if (!r->in_relr)
      write_one(ctx, r, &out[next[reloc_class(ctx, r)]++]);
  }
}

/* --emit-relocs (-q): a final link's output also keeps its inputs' relocations, each
 * a .rela section after the output section it patches, at final addresses, naming the
 * output's .symtab (GNU ld, lld; post-link tools such as BOLT read them). The walk over
 * the relocations an output keeps is relocatable.c's. */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

static bool keeps_relocations(const Chunk *c) {
  return c->kind == CK_OSEC && c->members.len;
}

void create_emitted_relocation_sections(Ctx *ctx) {
  if (!ctx->opt.emit_relocs)
    return;
  if (ctx->opt.strip_all)
    error(ctx, "--strip-all and --emit-relocs may not be used together");
  if (ctx->opt.separate_debug_file)
    error(ctx, "--separate-debug-file and --emit-relocs may not be used together");
  VEC(Chunk *) sections = {0};
  for (i64 i = 0; i < ctx->chunks.len; i++)
    if (keeps_relocations(ctx->chunks.data[i]))
      vec_push(&sections, ctx->chunks.data[i]);
  add_relocation_sections(ctx, sections.data, sections.len);
  free(sections.data);
}

/* After the last layout (compression and the debug file move section indices). */
void link_emitted_relocation_sections(Ctx *ctx) {
  if (!ctx->opt.emit_relocs)
    return;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (!keeps_relocations(c) || !c->relocations)
      continue;
    c->relocations->shdr.sh_link = ctx->symtab_chunk ? (u32)ctx->symtab_chunk->shndx : 0;
    c->relocations->shdr.sh_info = (u32)c->shndx;
  }
}

/* The symbol a final link's relocation is written against: the symbol itself when
 * .symtab has it, else the section symbol of where it went (GNU ld does the same for
 * section symbols and the locals it drops), with the addend moved. */
static void emit_final_relocation(const InputSection *isec, const ERela *rel, u64 place,
                                  void *arg) {
  Ctx *ctx = ((void **)arg)[0];
  ERela **next = ((void **)arg)[1];
  InputFile *f = isec->file;
  u64 idx = ELF64_R_SYM(rel->r_info);
  Symbol *sym = idx ? f->syms[idx] : NULL;
  u64 where = place;
  u32 type = ctx->arch->emitted_type(ctx, isec, rel, sym, &where);
  Elf64_Rela out = {isec->osec->shdr.sh_addr + where, 0, 0};
  i64 addend = rel->r_addend, index = -1;
  if (!sym) {
    index = 0;
  } else if (sym->symtab_idx >= 0) {
    index = sym->symtab_idx;
  } else if (is_in_output(sym->isec)) {
    /* An empty output section has no section header, nor symbol: the null symbol,
     * whose value is 0, and the address in the addend then. */
    Chunk *to = sym->isec->osec;
    u64 target = reloc_target_address(ctx, sym, &addend);
    index = MAX(to->section_sym, 0);
    addend += (i64)(target - (index ? to->shdr.sh_addr : 0));
  }
  if (index >= 0) {
    out.r_info = ELF64_R_INFO((u64)index, type);
    out.r_addend = addend;
  }
  memcpy((*next)++, &out, sizeof out);
}

static void write_emitted_task(Ctx *ctx, i64 i, void *arg) {
  (void)arg;
  Chunk *c = ctx->chunks.data[i];
  if (!keeps_relocations(c) || !c->relocations || !c->relocations->shndx)
    return;
  ERela *next = (ERela *)(ctx->buf + c->relocations->shdr.sh_offset);
  void *state[2] = {ctx, &next};
  for (i64 m = 0; m < c->members.len; m++)
    for_each_kept_relocation(c->members.data[m], emit_final_relocation, state);
}

void write_emitted_relocations(Ctx *ctx) {
  if (ctx->opt.emit_relocs)
    parallel_for(ctx, ctx->chunks.len, write_emitted_task, NULL);
}

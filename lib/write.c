/* Writing: every chunk copies its bytes into the mmap'd output image and relocates
 * them in place. Chunks write disjoint bytes, so all of them are written in
 * parallel, large output sections cut into runs of input sections; the few chunks
 * that read other chunks' final bytes (.eh_frame_hdr, build-id) come after. */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

void write_ehdr(Ctx *ctx, u8 *buf) {
  Elf64_Ehdr eh = {0};
  memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = ELFCLASS64;
  eh.e_ident[EI_DATA] = ELFDATA2LSB;
  eh.e_ident[EI_VERSION] = EV_CURRENT;
  eh.e_ident[EI_OSABI] = ctx->has_gnu_extensions ? ELFOSABI_GNU : ELFOSABI_NONE;
  eh.e_type = ctx->opt.relocatable ? ET_REL : ctx->opt.kind == OUT_EXEC ? ET_EXEC : ET_DYN;
  eh.e_machine = ctx->arch->e_machine;
  eh.e_version = EV_CURRENT;
  eh.e_entry = ctx->entry_addr;
  eh.e_phoff = ctx->phdr ? ctx->phdr->shdr.sh_offset : 0;
  eh.e_shoff = ctx->shdr->shdr.sh_offset;
  eh.e_ehsize = sizeof(Elf64_Ehdr);
  eh.e_phentsize = ctx->phdr ? sizeof(Elf64_Phdr) : 0;
  eh.e_phnum = (u16)ctx->phdrs.len;
  eh.e_shentsize = sizeof(Elf64_Shdr);
  /* gABI: from SHN_LORESERVE sections on, section 0 holds the count and the index. */
  u64 nsections = ctx->shdr->shdr.sh_size / sizeof(Elf64_Shdr);
  eh.e_shnum = nsections >= SHN_LORESERVE ? 0 : (u16)nsections;
  eh.e_shstrndx = ctx->shstrtab->shndx >= SHN_LORESERVE ? SHN_XINDEX : (u16)ctx->shstrtab->shndx;
  memcpy(buf, &eh, sizeof(eh));
}

/* The header of chunks[i] and of the chunks after it that share it (assign_section_
 * indices): one range from the first's start to the last's end; mergeable only if all
 * are, with one entry size (else plain data, as GNU ld writes the joined .rodata). */
static Elf64_Shdr shared_header(Ctx *ctx, i64 i) {
  const Chunk *leader = ctx->chunks.data[i];
  Elf64_Shdr sh = leader->shdr;
  u64 end = sh.sh_addr + sh.sh_size;
  const u64 merge_flags = SHF_MERGE | SHF_STRINGS;
  for (i64 k = i + 1; k < ctx->chunks.len; k++) {
    const Chunk *c = ctx->chunks.data[k];
    if (!c->shndx)
      continue; /* no bytes, no header: the next one may still share the leader's */
    if (c->header != leader)
      break;
    const Elf64_Shdr *s = &c->shdr;
    end = MAX(end, s->sh_addr + s->sh_size);
    sh.sh_addralign = MAX(sh.sh_addralign, s->sh_addralign);
    if ((s->sh_flags & merge_flags) != (sh.sh_flags & merge_flags) || s->sh_entsize != sh.sh_entsize) {
      sh.sh_flags &= ~merge_flags;
      sh.sh_entsize = 0;
    }
  }
  sh.sh_size = end - sh.sh_addr;
  return sh;
}

void write_shdrs_and_names(Ctx *ctx) {
  u8 *shdrs = ctx->buf + ctx->shdr->shdr.sh_offset;
  u8 *names = ctx->buf + ctx->shstrtab->shdr.sh_offset;
  u32 name_off = 1;
  memset(shdrs, 0, sizeof(Elf64_Shdr));
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (!c->shndx || c->header)
      continue;
    size_t len = strlen(c->name);
    memcpy(names + name_off, c->name, len + 1);
    Elf64_Shdr sh = shared_header(ctx, i);
    sh.sh_name = name_off;
    name_off += (u32)len + 1;
    memcpy(shdrs + c->shndx * (i64)sizeof(Elf64_Shdr), &sh, sizeof(sh));
  }
}

static void write_input_sections(Ctx *ctx, Chunk *c, u8 *base, i64 begin, i64 end) {
  bool alloc = (c->shdr.sh_flags & SHF_ALLOC) != 0;
  for (i64 i = begin; i < end; i++) {
    InputSection *isec = c->members.data[i];
    if (isec->type == SHT_NOBITS)
      continue;
    u8 *out = base + isec->offset;
    if (isec->eh_records)
      write_eh_frame_section(ctx, isec, out);
    else if (isec->reverse_words)
      for (u64 k = 0; k < isec->size; k += 8)
        memcpy(out + isec->size - 8 - k, isec->contents + k, 8);
    else
      memcpy(out, isec->contents, isec->size);
    if (alloc)
      ctx->arch->apply_relocs(ctx, isec, out);
    else
      ctx->arch->apply_nonalloc_relocs(ctx, isec, out);
  }
}

/* Pieces [begin, end) of a merged section. */
static void write_merged_pieces(Chunk *c, u8 *base, i64 begin, i64 end) {
  for (i64 i = begin; i < end; i++) {
    MergeSlot *s = c->slots.data[i];
    memcpy(base + s->offset, s->data, s->size);
  }
}

static void write_got(Ctx *ctx) {
  u8 *base = ctx->buf + ctx->got->shdr.sh_offset;
  u64 tp = tls_tp_address(ctx);
  for (i64 i = 0; i < ctx->got_syms.len; i++) {
    Symbol *sym = ctx->got_syms.data[i];
    if (AUX(sym)->got_idx >= 0)
      wr64(base + AUX(sym)->got_idx * 8, symbol_address(ctx, sym));
    if (AUX(sym)->gottp_idx >= 0 && ctx->opt.kind != OUT_SHARED && !sym->is_imported)
      wr64(base + AUX(sym)->gottp_idx * 8, symbol_address(ctx, sym) - tp);
    /* General dynamic of our own variable: the loader fills the module id; the
     * offset in the block is known now. */
    if (AUX(sym)->tlsgd_idx >= 0 && !sym->is_preemptible)
      wr64(base + AUX(sym)->tlsgd_idx * 8 + 8, symbol_address(ctx, sym) - ctx->tls_begin);
  }
}

void write_gnu_property(Ctx *ctx) {
  u8 *p = ctx->buf + ctx->gnu_property->shdr.sh_offset;
  u32 descsz =
      16 * (u32)(ctx->emit_feature_and + ctx->emit_isa_needed + (ctx->property_1_needed != 0));
  wr32(p, 4);
  wr32(p + 4, descsz);
  wr32(p + 8, NT_GNU_PROPERTY_TYPE_0);
  memcpy(p + 12, "GNU", 4);
  u8 *q = p + 16;
  /* Properties in increasing type order (gABI "Program Property"). */
  if (ctx->property_1_needed) {
    wr32(q, GNU_PROPERTY_1_NEEDED);
    wr32(q + 4, 4);
    wr32(q + 8, ctx->property_1_needed);
    q += 16;
  }
  if (ctx->emit_feature_and) {
    wr32(q, 0xc0000002); /* GNU_PROPERTY_X86_FEATURE_1_AND */
    wr32(q + 4, 4);
    /* Without an IBT PLT the PLT entries have no endbr64: the output cannot claim IBT.
     * (ctx->ibt_plt is set whenever the bit is, so this is a safety net.) */
    u32 and_bits = ctx->gnu_property_and;
    if ((ctx->plt_syms.len || ctx->pltgot_syms.len) && !ctx->ibt_plt)
      and_bits &= ~1u; /* GNU_PROPERTY_X86_FEATURE_1_IBT */
    wr32(q + 8, and_bits);
    q += 16;
  }
  if (ctx->emit_isa_needed) {
    wr32(q, 0xc0008002); /* GNU_PROPERTY_X86_ISA_1_NEEDED */
    wr32(q + 4, 4);
    wr32(q + 8, ctx->isa_needed);
  }
}

static void write_comment(Ctx *ctx) {
  Chunk *c = ctx->comment;
  write_merged_pieces(c, ctx->buf + c->shdr.sh_offset, 0, c->slots.len);
  const char *v = rv_version();
  memcpy(ctx->buf + c->shdr.sh_offset + c->shdr.sh_size - strlen(v) - 1, v, strlen(v) + 1);
}

static void write_gnu_property_if_any(Ctx *ctx) {
  if (ctx->gnu_property->shdr.sh_size)
    write_gnu_property(ctx);
}

static void write_comment_if_any(Ctx *ctx) {
  if (ctx->comment && ctx->comment->shndx)
    write_comment(ctx);
}

/* One unit of parallel writing: a run of an output section's input sections, a
 * whole chunk, a byte range of a blob, a segment of .symtab, or one synthetic
 * section's writer. */
typedef struct WriteTask {
  Chunk *chunk;
  u8 *base;       /* where the chunk's bytes go; NULL: its place in the output image */
  i64 begin, end; /* members of an output section; pieces of a merged one; bytes of a blob */
  void (*write)(Ctx *ctx);
  bool symtab;   /* segment number begin of .symtab */
  bool rela_dyn; /* block number begin of .rela.dyn */
} WriteTask;

typedef VEC(WriteTask) WriteTaskVec;

static i64 member_weight(const Chunk *c, i64 k) {
  return member_write_weight(c->members.data[k]);
}

static i64 piece_weight(const Chunk *c, i64 k) {
  return piece_write_weight(c->slots.data[k]);
}

/* Items [0, n) of c (members or pieces) in runs of about WRITE_TASK_BYTES: the runs
 * the layout cut (c->write_runs) when they cover the n items, else cut now. */
static void plan_runs(Chunk *c, u8 *base, i64 n, i64 (*weight_of)(const Chunk *, i64),
                      WriteTaskVec *tasks) {
  if (!c->write_runs.len || c->write_runs.data[c->write_runs.len - 1] != n) {
    i64 run_weight = 0;
    c->write_runs.len = 0;
    for (i64 k = 0; k < n; k++)
      cut_write_runs(c, k, n, weight_of(c, k), &run_weight);
  }
  i64 begin = 0;
  for (i64 r = 0; r < c->write_runs.len; r++) {
    i64 end = c->write_runs.data[r];
    vec_push(tasks, ((WriteTask){.chunk = c, .base = base, .begin = begin, .end = end}));
    begin = end;
  }
}

/* An output section is cut into runs of its input sections, a merged section into
 * runs of its pieces, and contents made before the write (c->blob) into byte ranges. */
static void plan_chunk_writes(Chunk *c, u8 *base, WriteTaskVec *tasks) {
  if (c->blob) {
    for (i64 begin = 0; begin < (i64)c->shdr.sh_size; begin += WRITE_TASK_BYTES) {
      i64 end = MIN(begin + WRITE_TASK_BYTES, (i64)c->shdr.sh_size);
      vec_push(tasks, ((WriteTask){.chunk = c, .base = base, .begin = begin, .end = end}));
    }
    return;
  }
  if (c->kind == CK_MERGED)
    plan_runs(c, base, c->slots.len, piece_weight, tasks);
  else if (c->kind == CK_OSEC)
    plan_runs(c, base, c->members.len, member_weight, tasks);
}

static void plan_writes(Ctx *ctx, WriteTaskVec *tasks) {
  void (*writers[])(Ctx *) = {
      write_dynamic_sections, write_relr,           write_got, write_plt, write_gnu_property_if_any,
      write_comment_if_any,   write_shdrs_and_names};
  for (i64 i = 0, n = plan_rela_dyn(ctx); i < n; i++)
    vec_push(tasks, ((WriteTask){.rela_dyn = true, .begin = i}));
  for (i64 i = 0; i < ARRAY_SIZE(writers); i++)
    vec_push(tasks, ((WriteTask){.write = writers[i]}));
  for (i64 i = 0; ctx->symtab_chunk && ctx->symtab_chunk->shndx && i < symtab_segments(ctx); i++)
    vec_push(tasks, ((WriteTask){.symtab = true, .begin = i}));
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (c->shdr.sh_type != SHT_NOBITS && c != ctx->comment)
      plan_chunk_writes(c, NULL, tasks);
  }
}

static void write_task(Ctx *ctx, i64 i, void *arg) {
  WriteTask *t = &((WriteTask *)arg)[i];
  if (t->write) {
    t->write(ctx);
    return;
  }
  if (t->symtab) {
    write_symtab_segment(ctx, t->begin);
    return;
  }
  if (t->rela_dyn) {
    write_rela_dyn_block(ctx, t->begin);
    return;
  }
  Chunk *c = t->chunk;
  u8 *base = t->base ? t->base : ctx->buf + c->shdr.sh_offset;
  if (c->blob)
    memcpy(base + t->begin, c->blob + t->begin, (size_t)(t->end - t->begin));
  else if (c->kind == CK_OSEC)
    write_input_sections(ctx, c, base, t->begin, t->end);
  else if (c->kind == CK_MERGED)
    write_merged_pieces(c, base, t->begin, t->end);
}

void write_chunks(Ctx *ctx) {
  write_ehdr(ctx, ctx->buf);
  memcpy(ctx->buf + ctx->phdr->shdr.sh_offset, ctx->phdrs.data,
         sizeof(Elf64_Phdr) * (size_t)ctx->phdrs.len);
  WriteTaskVec tasks = {0};
  plan_writes(ctx, &tasks);
  parallel_for(ctx, tasks.len, write_task, tasks.data);
  free(tasks.data);
  clear_dynamic_reloc_places(ctx);
  if (ctx->eh_frame_hdr && ctx->eh_frame_hdr->shndx)
    write_eh_frame_hdr(ctx, ctx->eh_frame_hdr, ctx->buf + ctx->eh_frame_hdr->shdr.sh_offset);
}

void write_chunks_into(Ctx *ctx, Chunk **chunks, u8 **bufs, i64 n) {
  WriteTaskVec tasks = {0};
  for (i64 i = 0; i < n; i++)
    plan_chunk_writes(chunks[i], bufs[i], &tasks);
  parallel_for(ctx, tasks.len, write_task, tasks.data);
  free(tasks.data);
}

/* The build-id note: hashed over the finished image with the descriptor still zero. */
void write_build_id(Ctx *ctx) {
  if (!ctx->build_id)
    return;
  u8 *p = ctx->buf + ctx->build_id->shdr.sh_offset;
  i64 len = ctx->build_id->nentries;
  wr32(p, 4);
  wr32(p + 4, (u32)len);
  wr32(p + 8, NT_GNU_BUILD_ID);
  memcpy(p + 12, "GNU", 4);
  compute_build_id(ctx, p + 16, len);
}

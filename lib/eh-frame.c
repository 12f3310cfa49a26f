/* .eh_frame is a sequence of CIE and FDE records (LSB "Exception Frames"). FDEs whose
 * function lives in a dropped section (a COMDAT copy that lost, or a GC'd section) are
 * removed, and the CIE pointers of the FDEs that stay are rewritten for the new
 * offsets. Records keep their input order so that crtbegin's __EH_FRAME_BEGIN__ and
 * crtend's zero terminator still bracket the table for __register_frame_info.
 * .eh_frame_hdr holds a binary-search table of (initial location, FDE address),
 * sorted, for the unwinder (PT_GNU_EH_FRAME). */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

static bool split_one(Ctx *ctx, InputSection *isec) {
  InputFile *f = isec->file;
  const u8 *d = isec->contents;
  u64 size = isec->size;
  VEC(EhRecord) recs = {0};
  u64 off = 0;
  i64 rel = 0;
  if (size > UINT32_MAX) {
    error(ctx, "%s: .eh_frame of 4 GiB or more is not supported", f->name);
    return false;
  }
  while (off < size) {
    if (size - off < 4)
      goto bad;
    u32 len = rd32(d + off);
    if (len == 0xffffffff) {
      error(ctx, "%s: .eh_frame: 64-bit DWARF records are not supported", f->name);
      free(recs.data);
      return false;
    }
    u64 rec_size = (u64)len + 4;
    if (rec_size > size - off || (len != 0 && len < 4))
      goto bad;
    EhRecord r = {.in_offset = (u32)off, .size = (u32)rec_size, .cie = -1, .is_alive = true};
    r.is_cie = len == 0 || rd32(d + off + 4) == 0;
    if (!r.is_cie) {
      u32 id = rd32(d + off + 4);
      u64 cie_off = off + 4 - id;
      if (id > off + 4)
        goto bad;
      /* Records are in offset order: binary search for the CIE. */
      for (i64 lo = 0, hi = recs.len - 1; lo <= hi;) {
        i64 mid = lo + (hi - lo) / 2;
        if (recs.data[mid].in_offset == cie_off) {
          r.cie = recs.data[mid].is_cie ? (i32)mid : -1;
          break;
        }
        if (recs.data[mid].in_offset < cie_off)
          lo = mid + 1;
        else
          hi = mid - 1;
      }
      if (r.cie < 0)
        goto bad;
    }
    while (rel < isec->nrels && isec->rels[rel].r_offset < off)
      rel++;
    r.rel_begin = (u32)rel;
    while (rel < isec->nrels && isec->rels[rel].r_offset < off + rec_size)
      rel++;
    r.rel_end = (u32)rel;
    if (!r.is_cie && r.rel_begin < r.rel_end) {
      const ERela *pc = &isec->rels[r.rel_begin];
      Symbol *target = f->syms[ELF64_R_SYM(pc->r_info)];
      InputSection *tsec = target->isec;
      if (target->is_local ? (!tsec || !tsec->is_alive) : (tsec && !tsec->is_alive))
        r.is_alive = false;
      /* --icf folded the function into an identical one: that one's FDE stays. */
      if (target->icf_folded)
        r.is_alive = false;
    }
    vec_push(&recs, r);
    off += rec_size;
  }
  /* Relocations must be sorted for the range split above; compilers emit them so. */
  for (i64 k = 1; k < isec->nrels; k++)
    if (isec->rels[k].r_offset < isec->rels[k - 1].r_offset) {
      error(ctx, "%s: .eh_frame relocations are not sorted by offset", f->name);
      free(recs.data);
      return false;
    }
  u64 out = 0;
  for (i64 k = 0; k < recs.len; k++) {
    if (!recs.data[k].is_alive)
      continue;
    recs.data[k].out_offset = (u32)out;
    out += recs.data[k].size;
  }
  isec->eh_records = ARENA_ARRAY(local_arena(ctx), EhRecord, recs.len ? recs.len : 1);
  if (recs.len)
    memcpy(isec->eh_records, recs.data, sizeof(EhRecord) * (size_t)recs.len);
  isec->neh_records = (u32)recs.len;
  isec->size = out;
  isec->is_eh_frame = true;
  /* Pack records 4-byte aligned: padding between two input sections would be a zero
   * word, which readers of .eh_frame take for the terminator (crtend.o's). */
  isec->p2align = MIN(isec->p2align, 2);
  free(recs.data);
  return true;
bad:
  error(ctx, "%s: malformed .eh_frame record at offset 0x%lx", f->name, (unsigned long)off);
  free(recs.data);
  return false;
}

static void split_file_eh_frames(Ctx *ctx, i64 fi, void *arg) {
  (void)arg;
  InputFile *f = ctx->objs.data[fi];
  for (i64 i = 0; i < f->nshdrs; i++) {
    InputSection *isec = f->sections[i];
    if (isec && isec->is_alive && str_equal(isec->name, ".eh_frame"))
      if (!split_one(ctx, isec))
        return;
  }
}

/* Each file's .eh_frame sections are split on their own, so files run in parallel. */
void split_eh_frames(Ctx *ctx) {
  parallel_for(ctx, ctx->objs.len, split_file_eh_frames, NULL);
}

static const EhRecord *find_record(const InputSection *isec, u64 offset) {
  i64 lo = 0, hi = (i64)isec->neh_records - 1;
  while (lo <= hi) {
    i64 mid = (lo + hi) / 2;
    const EhRecord *r = &isec->eh_records[mid];
    if (offset < r->in_offset)
      hi = mid - 1;
    else if (offset >= (u64)r->in_offset + r->size)
      lo = mid + 1;
    else
      return r;
  }
  return NULL;
}

u64 eh_frame_output_offset(const InputSection *isec, u64 offset, bool *dropped) {
  const EhRecord *r = find_record(isec, offset);
  if (!r) {
    *dropped = offset != isec->shdr->sh_size;
    return isec->size; /* the end of the section */
  }
  *dropped = !r->is_alive;
  return r->out_offset + (offset - r->in_offset);
}

static void write_plt_fde_ranges(Ctx *ctx, const InputSection *isec, u8 *out);

void write_eh_frame_section(Ctx *ctx, InputSection *isec, u8 *out) {
  for (i64 k = 0; k < isec->neh_records; k++) {
    const EhRecord *r = &isec->eh_records[k];
    if (!r->is_alive)
      continue;
    memcpy(out + r->out_offset, isec->contents + r->in_offset, r->size);
    if (!r->is_cie) {
      const EhRecord *cie = &isec->eh_records[r->cie];
      wr32(out + r->out_offset + 4, r->out_offset + 4 - cie->out_offset);
    }
  }
  if (isec == ctx->plt_unwind.isec)
    write_plt_fde_ranges(ctx, isec, out);
}

/* An FDE that .eh_frame_hdr indexes: alive, with its pc_begin relocated. */
static bool is_indexed_fde(const InputSection *isec, const EhRecord *r) {
  return r->is_alive && !r->is_cie && r->rel_begin < r->rel_end &&
         isec->rels[r->rel_begin].r_offset == (u64)r->in_offset + 8;
}

static void count_fdes_task(Ctx *ctx, i64 i, void *arg) {
  InputSection *isec = ctx->eh_frame->members.data[i];
  i64 n = isec == ctx->plt_unwind.isec ? ctx->plt_unwind.nfdes : 0;
  for (i64 k = 0; k < isec->neh_records; k++)
    n += is_indexed_fde(isec, &isec->eh_records[k]);
  ((i64 *)arg)[i] = n;
}

/* Per .eh_frame member, how many FDEs it gives the table (counted on all threads);
 * the total is returned. */
static i64 *count_fdes_per_member(Ctx *ctx, i64 *total) {
  i64 nmembers = ctx->eh_frame->members.len;
  i64 *counts = calloc((size_t)MAX(nmembers, 1), sizeof(i64));
  if (!counts)
    fatal(ctx, "out of memory");
  parallel_for(ctx, nmembers, count_fdes_task, counts);
  *total = 0;
  for (i64 i = 0; i < nmembers; i++)
    *total += counts[i];
  return counts;
}

i64 count_eh_frame_fdes(Ctx *ctx) {
  if (!ctx->eh_frame)
    return 0;
  i64 n;
  free(count_fdes_per_member(ctx, &n));
  return n;
}

/* --ld-generated-unwind-info (GNU ld's default): unwinders (libgcc, gdb, perf) find
 * no FDE for code that no input described, so a pc inside a PLT stub, where a signal
 * or a sampling profiler may stop a thread, would end the backtrace. The linker adds
 * one CIE and an FDE per chunk of PLT code; the Arch gives the call frame
 * instructions. The records follow the first object file's .eh_frame, where GNU ld
 * puts them (in its "dynobj", the first input object). */
enum {
  DW_EH_PE_PCREL_SDATA4 = 0x1b, /* the FDEs' pointer encoding (augmentation "zR") */
  DW_CFA_NOP = 0,
  CIE_VERSION = 1,
};

static i64 put_uleb(u8 *p, u64 v) {
  i64 n = 0;
  do {
    u8 b = v & 0x7f;
    v >>= 7;
    p[n++] = b | (v ? 0x80 : 0);
  } while (v);
  return n;
}

static i64 put_sleb(u8 *p, i64 v) {
  i64 n = 0;
  for (;;) {
    u8 b = v & 0x7f;
    v >>= 7; /* arithmetic shift: gcc and clang */
    bool done = (v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40));
    p[n++] = b | (done ? 0 : 0x80);
    if (done)
      return n;
  }
}

/* Pads the record at rec (size bytes so far) with DW_CFA_nop to a multiple of the
 * address size, as compilers and GNU ld do, and writes its length; returns its size. */
static i64 finish_record(u8 *rec, i64 size) {
  while (size % 8)
    rec[size++] = DW_CFA_NOP;
  wr32(rec, (u32)(size - 4));
  return size;
}

static i64 write_plt_cie(const Arch *arch, u8 *rec) {
  i64 n = 8; /* length, then CIE id 0 */
  wr32(rec + 4, 0);
  rec[n++] = CIE_VERSION;
  memcpy(rec + n, "zR", 3);
  n += 3;
  n += put_uleb(rec + n, arch->cfa_code_align);
  n += put_sleb(rec + n, arch->cfa_data_align);
  n += put_uleb(rec + n, arch->cfa_ra_column);
  rec[n++] = 1; /* augmentation data: the "R" byte */
  rec[n++] = DW_EH_PE_PCREL_SDATA4;
  if (arch->cie_cfa_insns.size)
    memcpy(rec + n, arch->cie_cfa_insns.bytes, (size_t)arch->cie_cfa_insns.size);
  return finish_record(rec, n + arch->cie_cfa_insns.size);
}

/* An FDE at offset at of the records; pc_begin and pc_range are written with the
 * output (write_plt_fde_ranges). */
static i64 write_plt_fde(u8 *rec, u32 at, CfaInsns insns) {
  memset(rec, 0, 16);
  wr32(rec + 4, at + 4); /* back to the CIE at offset 0 */
  rec[16] = 0;           /* augmentation data length */
  if (insns.size)        /* the other PLT kinds have none */
    memcpy(rec + 17, insns.bytes, (size_t)insns.size);
  return finish_record(rec, 17 + insns.size);
}

static void write_plt_fde_ranges(Ctx *ctx, const InputSection *isec, u8 *out) {
  const PltUnwind *pu = &ctx->plt_unwind;
  u64 base = isec->osec->shdr.sh_addr + isec->offset;
  for (i64 k = 0; k < pu->nfdes; k++) {
    u8 *fde = out + pu->fde_offset[k];
    const Chunk *code = pu->code[k];
    wr32(fde + 8, (u32)(code->shdr.sh_addr - (base + pu->fde_offset[k] + 8)));
    wr32(fde + 12, (u32)code->shdr.sh_size);
  }
}

/* Where the records go: after the first object file's .eh_frame sections. */
static i64 plt_unwind_position(Ctx *ctx) {
  Chunk *c = ctx->eh_frame;
  InputFile *first = ctx->objs.len ? ctx->objs.data[0] : NULL;
  i64 at = 0;
  while (at < c->members.len && c->members.data[at]->file == first)
    at++;
  return at;
}

static void insert_member(Chunk *c, i64 at, InputSection *isec) {
  vec_push(&c->members, isec);
  memmove(c->members.data + at + 1, c->members.data + at,
          (size_t)(c->members.len - 1 - at) * sizeof(InputSection *));
  c->members.data[at] = isec;
}

/* Runs once the PLT entries are allocated (their chunks' sizes are known) and before
 * layout; only in dynamic links, where GNU ld makes them too (a static executable's
 * .iplt gets none from it either). */
void add_plt_unwind_info(Ctx *ctx) {
  PltUnwind *pu = &ctx->plt_unwind;
  if (ctx->opt.no_ld_generated_unwind_info || !ctx->is_dynamic || !ctx->eh_frame)
    return;
  pu->nfdes = plt_chunks_with_entries(ctx, pu->code);
  if (!pu->nfdes)
    return;
  const Arch *arch = ctx->arch;
  CfaInsns plt_insns = arch->plt_cfa_insns(ctx);
  i64 cap = 64 + arch->cie_cfa_insns.size + pu->nfdes * (32 + plt_insns.size);
  u8 *buf = ARENA_ARRAY(&ctx->arena, u8, cap);
  EhRecord *recs = ARENA_ARRAY(&ctx->arena, EhRecord, 1 + pu->nfdes);
  i64 size = write_plt_cie(arch, buf);
  recs[0] = (EhRecord){.size = (u32)size, .cie = -1, .is_cie = true, .is_alive = true};
  for (i64 k = 0; k < pu->nfdes; k++) {
    bool lazy = pu->code[k] == ctx->plt;
    i64 n = write_plt_fde(buf + size, (u32)size, lazy ? plt_insns : (CfaInsns){NULL, 0});
    recs[1 + k] = (EhRecord){.in_offset = (u32)size,
                             .out_offset = (u32)size,
                             .size = (u32)n,
                             .cie = 0,
                             .is_alive = true};
    pu->fde_offset[k] = (u32)size;
    size += n;
  }
  InputSection *isec = ARENA_NEW(&ctx->arena, InputSection);
  *isec = (InputSection){.osec = ctx->eh_frame,
                         .file = ctx->internal_file,
                         .name = ".eh_frame",
                         .flags = SHF_ALLOC,
                         .type = SHT_PROGBITS,
                         .is_alive = true,
                         .is_eh_frame = true,
                         .p2align = 2,
                         .contents = buf,
                         .size = (u64)size,
                         .eh_records = recs,
                         .neh_records = (u32)(1 + pu->nfdes)};
  pu->isec = isec;
  insert_member(ctx->eh_frame, plt_unwind_position(ctx), isec);
  assign_member_offsets(ctx->eh_frame);
}

typedef struct HdrEntry {
  i32 pc, fde;
} HdrEntry;

/* By pc; FDEs of one pc in .eh_frame order (their addresses rise with it). */
static int compare_hdr_entry(const void *a, const void *b) {
  const HdrEntry *x = a, *y = b;
  if (x->pc != y->pc)
    return (x->pc > y->pc) - (x->pc < y->pc);
  return (x->fde > y->fde) - (x->fde < y->fde);
}

typedef struct HdrTable {
  HdrEntry *entries, *scratch;
  i64 *starts; /* per .eh_frame member: its first entry */
  u64 hdr_addr, eh_addr;
  i64 n, block; /* entries, and entries per sorted run */
} HdrTable;

static void fill_fdes_task(Ctx *ctx, i64 i, void *arg) {
  HdrTable *t = arg;
  InputSection *isec = ctx->eh_frame->members.data[i];
  i64 at = t->starts[i];
  const PltUnwind *pu = &ctx->plt_unwind;
  for (i64 k = 0; isec == pu->isec && k < pu->nfdes; k++) {
    u64 fde = t->eh_addr + isec->offset + pu->fde_offset[k];
    HdrEntry e = {(i32)(pu->code[k]->shdr.sh_addr - t->hdr_addr), (i32)(fde - t->hdr_addr)};
    memcpy(&t->entries[at++], &e, sizeof(e));
  }
  for (i64 k = 0; k < isec->neh_records; k++) {
    const EhRecord *r = &isec->eh_records[k];
    if (!is_indexed_fde(isec, r))
      continue;
    const ERela *rel = &isec->rels[r->rel_begin];
    Symbol *sym = isec->file->syms[ELF64_R_SYM(rel->r_info)];
    u64 pc = symbol_address(ctx, sym) + (u64)rel->r_addend;
    u64 fde = t->eh_addr + isec->offset + r->out_offset;
    HdrEntry e = {(i32)(pc - t->hdr_addr), (i32)(fde - t->hdr_addr)};
    memcpy(&t->entries[at++], &e, sizeof(e));
  }
}

static bool entries_sorted(const HdrEntry *e, i64 n) {
  for (i64 k = 1; k < n; k++)
    if (compare_hdr_entry(&e[k - 1], &e[k]) > 0)
      return false;
  return true;
}

/* Most runs come sorted already: FDEs follow their code, and code is laid out mostly in
 * the order its files came. */
static void sort_run_task(Ctx *ctx, i64 i, void *arg) {
  (void)ctx;
  HdrTable *t = arg;
  i64 begin = i * t->block, end = MIN(t->n, begin + t->block);
  if (!entries_sorted(t->entries + begin, end - begin))
    qsort(t->entries + begin, (size_t)(end - begin), sizeof(HdrEntry), compare_hdr_entry);
}

/* Merges runs 2i and 2i+1 (t->block entries each) from entries into scratch. */
static void merge_runs_task(Ctx *ctx, i64 i, void *arg) {
  (void)ctx;
  HdrTable *t = arg;
  i64 a = 2 * i * t->block, mid = MIN(t->n, a + t->block), end = MIN(t->n, mid + t->block);
  if (mid == end || compare_hdr_entry(&t->entries[mid - 1], &t->entries[mid]) <= 0) {
    memcpy(t->scratch + a, t->entries + a, (size_t)(end - a) * sizeof(HdrEntry));
    return;
  }
  i64 x = a, y = mid, out = a;
  while (x < mid && y < end)
    t->scratch[out++] = compare_hdr_entry(&t->entries[y], &t->entries[x]) < 0 ? t->entries[y++]
                                                                            : t->entries[x++];
  while (x < mid)
    t->scratch[out++] = t->entries[x++];
  while (y < end)
    t->scratch[out++] = t->entries[y++];
}

enum { HDR_RUN = 8192 }; /* entries sorted per task before the merge rounds */

/* The binary-search table: filled, then sorted, on all threads (runs sorted, then
 * merged pairwise); the order is the one total order, whatever the thread count. */
void write_eh_frame_hdr(Ctx *ctx, Chunk *hdr, u8 *buf) {
  u64 hdr_addr = hdr->shdr.sh_addr;
  u64 eh_addr = ctx->eh_frame ? ctx->eh_frame->shdr.sh_addr : hdr_addr;
  buf[0] = 1;    /* version */
  buf[1] = DW_EH_PE_PCREL_SDATA4; /* eh_frame_ptr */
  buf[2] = 0x03; /* fde_count: DW_EH_PE_udata4 */
  buf[3] = 0x3b; /* table: DW_EH_PE_datarel | DW_EH_PE_sdata4 */
  wr32(buf + 4, (u32)(eh_addr - (hdr_addr + 4)));
  if (!ctx->eh_frame) {
    wr32(buf + 8, 0);
    return;
  }
  i64 n;
  HdrTable t = {.starts = count_fdes_per_member(ctx, &n), .hdr_addr = hdr_addr, .eh_addr = eh_addr};
  i64 nmembers = ctx->eh_frame->members.len;
  for (i64 i = 0, at = 0; i < nmembers; i++) {
    i64 c = t.starts[i];
    t.starts[i] = at;
    at += c;
  }
  t.n = n;
  t.block = HDR_RUN;
  t.entries = malloc((size_t)MAX(n, 1) * sizeof(HdrEntry));
  t.scratch = malloc((size_t)MAX(n, 1) * sizeof(HdrEntry));
  if (!t.entries || !t.scratch)
    fatal(ctx, "out of memory");
  parallel_for(ctx, nmembers, fill_fdes_task, &t);
  parallel_for(ctx, (n + t.block - 1) / t.block, sort_run_task, &t);
  for (; t.block < n; t.block *= 2) {
    parallel_for(ctx, (n + 2 * t.block - 1) / (2 * t.block), merge_runs_task, &t);
    HdrEntry *swap = t.entries;
    t.entries = t.scratch;
    t.scratch = swap;
  }
  wr32(buf + 8, (u32)n);
  memcpy(buf + 12, t.entries, (size_t)n * sizeof(HdrEntry));
  free(t.entries);
  free(t.scratch);
  free(t.starts);
}

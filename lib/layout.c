/* Layout: order the chunks, give each an address and a file offset, and describe the
 * result in program headers. Segments, in address order (GNU ld's x86-64 default with
 * -z separate-code): headers and notes (R), code (RX), read-only data (R), RELRO data
 * (RW, made read-only after relocation), other data and .bss (RW). Each PT_LOAD starts
 * on a page boundary in the file and in memory, so p_offset == p_vaddr mod page size
 * (gABI "Program Loading") and no page maps two segments. */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

/* The rank classes, then CLASS_UNPAGED: a segment class only, the one segment of -n/-N. */
enum {
  CLASS_HEADERS,
  CLASS_CODE,
  CLASS_RODATA,
  CLASS_RELRO,
  CLASS_DATA,
  CLASS_NONALLOC,
  CLASS_UNPAGED
};

static bool is_relro_name(const char *name) {
  return str_equal(name, ".tdata") || str_equal(name, ".tbss") || str_equal(name, ".init_array") ||
         str_equal(name, ".fini_array") || str_equal(name, ".preinit_array") ||
         str_equal(name, ".data.rel.ro") || str_equal(name, ".got") ||
         str_equal(name, ".bss.rel.ro");
}

/* Rank = class * 100 + position within the class. */
static i32 chunk_rank(Ctx *ctx, Chunk *c) {
  const char *n = c->name;
  u64 fl = c->shdr.sh_flags;
  u32 type = c->shdr.sh_type;
  switch (c->kind) {
  case CK_EHDR:
    return 0;
  case CK_PHDR:
    return 1;
  case CK_SHDR:
    return CLASS_NONALLOC * 100 + 99;
  case CK_SYMTAB:
    return CLASS_NONALLOC * 100 + 90;
  case CK_STRTAB:
    return CLASS_NONALLOC * 100 + 91;
  case CK_SHSTRTAB:
    return CLASS_NONALLOC * 100 + 92;
  default:
    break;
  }
  if (!(fl & SHF_ALLOC))
    return CLASS_NONALLOC * 100 + 10;
  switch (c->kind) {
  case CK_INTERP:
    return CLASS_HEADERS * 100 + 5;
  case CK_GNU_HASH:
    return CLASS_HEADERS * 100 + 12;
  case CK_HASH:
    return CLASS_HEADERS * 100 + 13;
  case CK_DYNSYM:
    return CLASS_HEADERS * 100 + 14;
  case CK_DYNSTR:
    return CLASS_HEADERS * 100 + 15;
  case CK_VERSYM:
    return CLASS_HEADERS * 100 + 16;
  case CK_VERDEF:
    return CLASS_HEADERS * 100 + 17;
  case CK_VERNEED:
    return CLASS_HEADERS * 100 + 18;
  case CK_RELA_DYN:
    return CLASS_HEADERS * 100 + 20;
  case CK_RELA_IPLT:
    return CLASS_HEADERS * 100 + 21;
  case CK_RELR:
    return CLASS_HEADERS * 100 + 22;
  case CK_PLT:
    return CLASS_CODE * 100 + 1;
  case CK_PLTGOT:
    return CLASS_CODE * 100 + 2;
  case CK_PLTSEC:
    return CLASS_CODE * 100 + 3;
  case CK_DYNAMIC:
    return ctx->opt.z_relro ? CLASS_RELRO * 100 + 28 : CLASS_DATA * 100 + 3;
  case CK_COPYREL:
    if (c->is_relro && ctx->opt.z_relro)
      return CLASS_RELRO * 100 + 41;
    return CLASS_DATA * 100 + 65;
  default:
    break;
  }
  if (type == SHT_NOTE)
    return CLASS_HEADERS * 100 + (c->kind == CK_GNU_PROPERTY ? 10 : 11);
  /* Writable code goes with the data (GNU ld: an orphan placed by its flags), in a
   * segment made executable too; .text, placed by name, stays (-N makes it writable). */
  if ((fl & SHF_EXECINSTR) && (!(fl & SHF_WRITE) || str_equal(n, ".text"))) {
    if (str_equal(n, ".init"))
      return CLASS_CODE * 100 + 0;
    if (c->kind == CK_IPLT)
      return CLASS_CODE * 100 + 4;
    if (str_equal(n, ".text"))
      return CLASS_CODE * 100 + 5;
    if (str_equal(n, ".fini"))
      return CLASS_CODE * 100 + 9;
    return CLASS_CODE * 100 + 6;
  }
  if (!(fl & SHF_WRITE)) {
    if (c->kind == CK_EH_FRAME_HDR)
      return CLASS_RODATA * 100 + 20;
    if (str_equal(n, ".eh_frame"))
      return CLASS_RODATA * 100 + 21;
    if (str_equal(n, ".gcc_except_table"))
      return CLASS_RODATA * 100 + 22;
    if (str_equal(n, ".rodata"))
      return CLASS_RODATA * 100 + 0;
    return CLASS_RODATA * 100 + 10;
  }
  bool relro = ctx->opt.z_relro && (c->is_relro || is_relro_name(n));
  if (relro) {
    c->is_relro = true;
    if (fl & SHF_TLS)
      return CLASS_RELRO * 100 + (type == SHT_NOBITS ? 1 : 0);
    if (str_equal(n, ".preinit_array"))
      return CLASS_RELRO * 100 + 10;
    if (str_equal(n, ".init_array"))
      return CLASS_RELRO * 100 + 11;
    if (str_equal(n, ".fini_array"))
      return CLASS_RELRO * 100 + 12;
    if (str_equal(n, ".data.rel.ro"))
      return CLASS_RELRO * 100 + 20;
    if (c->kind == CK_GOT)
      return CLASS_RELRO * 100 + 30;
    if (type == SHT_NOBITS)
      return CLASS_RELRO * 100 + 40;
    return CLASS_RELRO * 100 + 25;
  }
  if (fl & SHF_TLS)
    return CLASS_DATA * 100 + (type == SHT_NOBITS ? 1 : 0);
  if (c->kind == CK_GOT)
    return CLASS_DATA * 100 + 4;
  if (c->kind == CK_GOTPLT) {
    /* With -z now nothing writes .got.plt after start-up: it joins RELRO (GNU ld). */
    if (ctx->opt.z_now && ctx->opt.z_relro) {
      c->is_relro = true;
      return CLASS_RELRO * 100 + 31;
    }
    return CLASS_DATA * 100 + 5;
  }
  if (type == SHT_NOBITS)
    return CLASS_DATA * 100 + (str_equal(n, ".bss") ? 60 : 70);
  if (str_equal(n, ".data"))
    return CLASS_DATA * 100 + 10;
  return CLASS_DATA * 100 + 20;
}

static int compare_chunks(const void *a, const void *b) {
  const Chunk *x = *(Chunk *const *)a, *y = *(Chunk *const *)b;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return (x->order > y->order) - (x->order < y->order);
}

void sort_output_sections(Ctx *ctx) {
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    c->rank = chunk_rank(ctx, c);
    c->is_tbss = (c->shdr.sh_flags & SHF_TLS) && c->shdr.sh_type == SHT_NOBITS;
  }
  qsort(ctx->chunks.data, (size_t)ctx->chunks.len, sizeof(Chunk *), compare_chunks);
}

static bool is_emitted(Chunk *c) {
  switch (c->kind) {
  case CK_RELR:
    return c->nentries > 0;
  case CK_EHDR:
  case CK_PHDR:
  case CK_SHDR:
    return false;
  case CK_SYMTAB:
  case CK_STRTAB:
  case CK_SHSTRTAB:
    return true;
  default:
    return c->shdr.sh_size > 0;
  }
}

/* In a PT_LOAD: emitted chunks, and the ELF and program headers, which have no
 * section header. The program headers must be loaded: the kernel passes their
 * address as AT_PHDR, which a static program reads (PR ld/23428). */
static bool is_loaded(Chunk *c) {
  return is_emitted(c) || c->kind == CK_EHDR || c->kind == CK_PHDR;
}

static bool is_unpaged(const Ctx *ctx) {
  return ctx->opt.magic != MAGIC_DEMAND_PAGED;
}

/* -z noseparate-code (GNU ld) and --no-rosegment (lld): the headers, code and read-only
 * data share one read-execute segment instead of three page-aligned ones. With -n and
 * -N every allocated section shares one segment (read-write-execute, holding code and
 * data), as GNU ld's unpaged (not D_PAGED) output has; it has no PT_GNU_RELRO, having
 * no page of its own to protect. */
static i32 segment_class(const Ctx *ctx, Chunk *c) {
  i32 cls = c->rank / 100;
  if (is_unpaged(ctx) && cls != CLASS_NONALLOC)
    return CLASS_UNPAGED;
  if (!ctx->opt.z_separate_code && (cls == CLASS_HEADERS || cls == CLASS_RODATA))
    return CLASS_CODE;
  return cls;
}

static u32 class_flags(i32 cls) {
  switch (cls) {
  case CLASS_CODE:
    return PF_R | PF_X;
  case CLASS_RELRO:
  case CLASS_DATA:
    return PF_R | PF_W;
  case CLASS_UNPAGED:
    return PF_R | PF_W | PF_X;
  default:
    return PF_R;
  }
}

/* An unpaged segment is as permissive as its sections together (GNU ld): all of them
 * make it RWX, one placed apart by -Tdata holding only data makes it RW. */
static u32 unpaged_flags(u64 sh_flags) {
  return PF_R | (sh_flags & SHF_WRITE ? PF_W : 0) | (sh_flags & SHF_EXECINSTR ? PF_X : 0);
}

u64 tls_tp_address(Ctx *ctx) {
  /* Variant II (x86-64): the thread pointer is just past the TLS block, rounded up to
   * its alignment; static TLS offsets are negative from it. */
  return ctx->tls_begin + align_to(ctx->tls_end - ctx->tls_begin, ctx->tls_align);
}

static void push_phdr(Ctx *ctx, u32 type, u32 flags, u64 off, u64 addr, u64 filesz, u64 memsz,
                      u64 align) {
  Elf64_Phdr p = {.p_type = type,
                  .p_flags = flags,
                  .p_offset = off,
                  .p_vaddr = addr,
                  .p_paddr = addr,
                  .p_filesz = filesz,
                  .p_memsz = memsz,
                  .p_align = align};
  vec_push(&ctx->phdrs, p);
}

static u64 chunk_end(Chunk *c) {
  return c->shdr.sh_addr + (c->is_tbss ? 0 : c->shdr.sh_size);
}
static u64 chunk_file_end(Chunk *c) {
  return c->shdr.sh_offset + (c->shdr.sh_type == SHT_NOBITS ? 0 : c->shdr.sh_size);
}

/* Several output sections may share a name (.rodata of different entry sizes): an
 * address asked for the name is the first one's. */
static bool is_first_named(Ctx *ctx, i64 i) {
  if (!ctx->opt.section_starts.len)
    return false;
  for (i64 k = 0; k < i; k++)
    if (!strcmp(ctx->chunks.data[k]->name, ctx->chunks.data[i]->name))
      return false;
  return true;
}

/* --section-start NAME=ADDRESS, -Ttext/-Tdata/-Tbss: the address asked for NAME. */
static bool requested_start(Ctx *ctx, const char *name, u64 *addr) {
  for (i64 i = ctx->opt.section_starts.len - 1; i >= 0; i--)
    if (!strcmp(ctx->opt.section_starts.data[i].name, name)) {
      *addr = ctx->opt.section_starts.data[i].addr;
      return true;
    }
  return false;
}

static void build_phdrs(Ctx *ctx) {
  ctx->phdrs.len = 0;
  u64 page = ctx->opt.max_page_size;
  if (ctx->interp) {
    /* PT_PHDR must precede any loadable segment entry (gABI "Program Header"). */
    u64 size = ctx->phdr->shdr.sh_size;
    push_phdr(ctx, PT_PHDR, PF_R, ctx->phdr->shdr.sh_offset, ctx->phdr->shdr.sh_addr, size, size,
              8);
    Chunk *c = ctx->interp;
    push_phdr(ctx, PT_INTERP, PF_R, c->shdr.sh_offset, c->shdr.sh_addr, c->shdr.sh_size,
              c->shdr.sh_size, 1);
  }
  /* PT_LOAD per run of emitted alloc chunks of one class. */
  i64 n = ctx->chunks.len;
  for (i64 i = 0; i < n;) {
    Chunk *c = ctx->chunks.data[i];
    if (!(c->shdr.sh_flags & SHF_ALLOC) || !is_loaded(c)) {
      i++;
      continue;
    }
    i32 cls = segment_class(ctx, c);
    u64 start = c->shdr.sh_addr, off = c->shdr.sh_offset, end = chunk_end(c),
        fend = chunk_file_end(c);
    /* A section aligned beyond a page raises the segment's p_align: the kernel and
     * the loader place a position-independent output at an address that honours it
     * (gABI: p_vaddr and p_offset are congruent modulo p_align). An unpaged segment
     * asks only for its sections' alignment (GNU ld's -n, -N). */
    u64 align = MAX(is_unpaged(ctx) ? 1 : page, c->shdr.sh_addralign);
    u64 sh_flags = c->shdr.sh_flags;
    i64 j = i + 1;
    for (; j < n; j++) {
      Chunk *d = ctx->chunks.data[j];
      if (!(d->shdr.sh_flags & SHF_ALLOC))
        break;
      if (!is_loaded(d))
        continue;
      /* A section placed at an address of its own starts another mapping. */
      u64 placed;
      if (segment_class(ctx, d) != cls ||
          (is_first_named(ctx, j) && requested_start(ctx, d->name, &placed)))
        break;
      end = MAX(end, chunk_end(d));
      if (d->shdr.sh_type != SHT_NOBITS)
        fend = MAX(fend, chunk_file_end(d));
      align = MAX(align, d->shdr.sh_addralign);
      sh_flags |= d->shdr.sh_flags;
    }
    /* The RELRO segment is padded in memory to a page boundary (-z common-page-size,
     * as GNU ld): the loader's mprotect rounds the end of PT_GNU_RELRO down, so a
     * partial last page would stay writable. */
    if (cls == CLASS_RELRO)
      end = align_to(end, ctx->opt.common_page_size);
    u32 flags = cls == CLASS_UNPAGED ? unpaged_flags(sh_flags)
                                     : class_flags(cls) | (sh_flags & SHF_EXECINSTR ? PF_X : 0);
    push_phdr(ctx, PT_LOAD, flags, off, start, fend > off ? fend - off : 0, end - start, align);
    i = j;
  }
  if (ctx->dynamic) {
    Chunk *c = ctx->dynamic;
    push_phdr(ctx, PT_DYNAMIC, PF_R | PF_W, c->shdr.sh_offset, c->shdr.sh_addr, c->shdr.sh_size,
              c->shdr.sh_size, 8);
  }
  /* PT_NOTE per run of adjacent notes with one alignment. */
  for (i64 i = 0; i < n; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (c->shdr.sh_type != SHT_NOTE || !(c->shdr.sh_flags & SHF_ALLOC) || !is_emitted(c))
      continue;
    u64 start = c->shdr.sh_addr, off = c->shdr.sh_offset, end = chunk_end(c),
        align = c->shdr.sh_addralign;
    while (i + 1 < n) {
      Chunk *d = ctx->chunks.data[i + 1];
      if (d->shdr.sh_type != SHT_NOTE || !is_emitted(d) || d->shdr.sh_addralign != align)
        break;
      end = chunk_end(d);
      i++;
    }
    push_phdr(ctx, PT_NOTE, PF_R, off, start, end - start, end - start, align);
  }
  if (ctx->has_tls) {
    Chunk *first = NULL;
    for (i64 i = 0; i < n; i++)
      if (ctx->chunks.data[i]->shdr.sh_flags & SHF_TLS && is_emitted(ctx->chunks.data[i])) {
        first = ctx->chunks.data[i];
        break;
      }
    u64 filesz = 0;
    for (i64 i = 0; i < n; i++) {
      Chunk *c = ctx->chunks.data[i];
      if ((c->shdr.sh_flags & SHF_TLS) && c->shdr.sh_type != SHT_NOBITS && is_emitted(c))
        filesz = c->shdr.sh_addr + c->shdr.sh_size - ctx->tls_begin;
    }
    push_phdr(ctx, PT_TLS, PF_R, first->shdr.sh_offset, ctx->tls_begin, filesz,
              ctx->tls_end - ctx->tls_begin, ctx->tls_align);
  }
  if (ctx->eh_frame_hdr && is_emitted(ctx->eh_frame_hdr)) {
    Chunk *c = ctx->eh_frame_hdr;
    push_phdr(ctx, PT_GNU_EH_FRAME, PF_R, c->shdr.sh_offset, c->shdr.sh_addr, c->shdr.sh_size,
              c->shdr.sh_size, 4);
  }
  if (is_emitted(ctx->gnu_property)) {
    Chunk *c = ctx->gnu_property;
    push_phdr(ctx, PT_GNU_PROPERTY, PF_R, c->shdr.sh_offset, c->shdr.sh_addr, c->shdr.sh_size,
              c->shdr.sh_size, 8);
  }
  push_phdr(ctx, PT_GNU_STACK, PF_R | PF_W | (ctx->opt.z_execstack ? PF_X : 0), 0, 0, 0,
            ctx->opt.z_stack_size, 16);
  for (i64 i = 0; i < n; i++) {
    Chunk *c = ctx->chunks.data[i];
    if ((c->shdr.sh_flags & SHF_GNU_MBIND) && (c->shdr.sh_flags & SHF_ALLOC) && is_emitted(c) &&
        c->shdr.sh_info < PT_GNU_MBIND_NUM)
      push_phdr(ctx, PT_GNU_MBIND_LO + c->shdr.sh_info, class_flags(segment_class(ctx, c)),
                c->shdr.sh_offset, c->shdr.sh_addr,
                c->shdr.sh_type == SHT_NOBITS ? 0 : c->shdr.sh_size, c->shdr.sh_size,
                ctx->opt.common_page_size);
  }
  /* PT_GNU_RELRO over the RELRO class. */
  u64 rs = 0, re = 0, ro = 0;
  bool any = false;
  for (i64 i = 0; i < n; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (segment_class(ctx, c) != CLASS_RELRO || !is_emitted(c) || !(c->shdr.sh_flags & SHF_ALLOC))
      continue;
    if (!any) {
      rs = c->shdr.sh_addr;
      ro = c->shdr.sh_offset;
      any = true;
    }
    re = MAX(re, chunk_end(c));
  }
  if (any) {
    re = align_to(re, ctx->opt.common_page_size);
    push_phdr(ctx, PT_GNU_RELRO, PF_R, ro, rs, re - rs, re - rs, 1);
  }
  /* --spare-program-headers (mold): PT_NULL slots at the end, for tools to fill. */
  for (i64 i = 0; i < ctx->opt.spare_program_headers; i++)
    push_phdr(ctx, PT_NULL, 0, 0, 0, 0, 0, 0);
}

/* Sizes of the synthetic chunks whose contents depend on earlier passes. */
static void size_synthetic(Ctx *ctx) {
  const Arch *arch = ctx->arch;
  i64 nplt = ctx->plt_syms.len, niplt = ctx->iplt_syms.len;
  ctx->got->shdr.sh_size = (u64)ctx->got_slots * 8;
  ctx->gotplt->shdr.sh_size = (u64)(3 + nplt + niplt) * 8;
  ctx->iplt->shdr.sh_size = (u64)niplt * (u64)arch->iplt_entry_size;
  if (ctx->plt)
    ctx->plt->shdr.sh_size =
        nplt ? (u64)arch->plt_header_size + (u64)nplt * (u64)arch->plt_entry_size : 0;
  if (ctx->plt_sec) {
    ctx->plt_sec->shdr.sh_size = ctx->ibt_plt ? (u64)nplt * (u64)arch->plt_sec_entry_size : 0;
    ctx->plt_sec->shdr.sh_entsize = (u64)arch->plt_sec_entry_size;
  }
  if (ctx->pltgot) {
    ctx->pltgot->shdr.sh_entsize = (u64)pltgot_entry_size(ctx);
    ctx->pltgot->shdr.sh_size = (u64)ctx->pltgot_syms.len * ctx->pltgot->shdr.sh_entsize;
  }
  ctx->rela_iplt->shdr.sh_size = (u64)(nplt + niplt) * sizeof(Elf64_Rela);
  TIMED_STEP(ctx, "size .dynsym and versions", size_dynamic_sections(ctx));
  TIMED_STEP(ctx, "fill .dynstr", finalize_dynstr(ctx));
  size_dynamic_table(ctx);
  if (ctx->eh_frame_hdr)
    ctx->eh_frame_hdr->shdr.sh_size = 12 + 8 * (u64)count_eh_frame_fdes(ctx);
  size_build_id_note(ctx);
  if (ctx->comment) {
    layout_merged_chunk(ctx->comment);
    ctx->comment->shdr.sh_size += strlen(rv_version()) + 1;
  }
  for (i64 i = 0; i < ctx->chunks.len; i++)
    if (ctx->chunks.data[i]->kind == CK_MERGED)
      layout_merged_chunk(ctx->chunks.data[i]);
}

/* Whether c, placed right after the chunks leader's header covers, joins that header:
 * GNU ld and lld write one .rodata for the plain and the mergeable read-only data of
 * every entry size, where rivet keeps a chunk for each. Only in a final link (in -r and
 * with --emit-relocs each keeps its relocation section), for memory of one kind. */
static bool joins_header(const Ctx *ctx, const Chunk *leader, const Chunk *c) {
  const u64 kind_flags = SHF_ALLOC | SHF_WRITE | SHF_EXECINSTR | SHF_TLS | SHF_GNU_MBIND;
  return leader && !ctx->opt.relocatable && !ctx->opt.emit_relocs &&
         (leader->kind == CK_OSEC || leader->kind == CK_MERGED) &&
         (c->kind == CK_OSEC || c->kind == CK_MERGED) && !leader->alone && !c->alone &&
         (c->shdr.sh_flags & SHF_ALLOC) && !(c->shdr.sh_flags & (SHF_TLS | SHF_GNU_MBIND)) &&
         (c->shdr.sh_flags & kind_flags) == (leader->shdr.sh_flags & kind_flags) &&
         c->shdr.sh_type == leader->shdr.sh_type && !strcmp(c->name, leader->name);
}

void assign_section_indices(Ctx *ctx) {
  i64 idx = 1;
  u64 names = 1;
  Chunk *leader = NULL;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    c->header = NULL;
    c->shndx = 0;
    if (!is_emitted(c))
      continue;
    if (joins_header(ctx, leader, c)) {
      c->header = leader;
      c->shndx = leader->shndx;
      continue;
    }
    c->shndx = idx++;
    names += strlen(c->name) + 1;
    leader = c;
  }
  ctx->shstrtab->shdr.sh_size = names;
  ctx->shdr->shdr.sh_size = (u64)idx * sizeof(Elf64_Shdr);
  if (ctx->symtab_chunk) {
    ctx->symtab_chunk->shdr.sh_link = (u32)ctx->strtab->shndx;
    ctx->symtab_chunk->shdr.sh_info = (u32)ctx->symtab_nlocal;
  }
  ctx->rela_iplt->shdr.sh_info = (u32)ctx->gotplt->shndx;
  ctx->rela_iplt->shdr.sh_link = ctx->dynsym         ? (u32)ctx->dynsym->shndx
                                 : ctx->symtab_chunk ? (u32)ctx->symtab_chunk->shndx
                                                     : 0;
  if (ctx->is_dynamic) {
    ctx->rela_dyn->shdr.sh_link = (u32)ctx->dynsym->shndx;
    ctx->dynsym->shdr.sh_link = (u32)ctx->dynstr->shndx;
    ctx->dynamic->shdr.sh_link = (u32)ctx->dynstr->shndx;
    ctx->versym->shdr.sh_link = (u32)ctx->dynsym->shndx;
    ctx->verneed->shdr.sh_link = (u32)ctx->dynstr->shndx;
    ctx->verdef->shdr.sh_link = (u32)ctx->dynstr->shndx;
    if (ctx->relr)
      ctx->relr->shdr.sh_link = 0;
    if (ctx->gnu_hash)
      ctx->gnu_hash->shdr.sh_link = (u32)ctx->dynsym->shndx;
    if (ctx->hash)
      ctx->hash->shdr.sh_link = (u32)ctx->dynsym->shndx;
    ctx->dynsym->shdr.sh_info = (u32)ctx->gnu_hash_symoffset > 0 ? 1 : 1;
  }
}

static void assign_addresses(Ctx *ctx) {
  u64 page = ctx->opt.max_page_size;
  u64 addr = ctx->opt.image_base, off = 0;
  i32 cur = -1;
  ctx->has_tls = false;
  ctx->tls_align = 1;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if ((c->shdr.sh_flags & SHF_TLS) && is_emitted(c)) {
      ctx->has_tls = true;
      ctx->tls_align = MAX(ctx->tls_align, c->shdr.sh_addralign);
    }
  }
  bool first_tls = true;
  ctx->tls_begin = ctx->tls_end = 0;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (!(c->shdr.sh_flags & SHF_ALLOC))
      break;
    bool emitted = is_loaded(c);
    i32 cls = segment_class(ctx, c);
    if (emitted && cls != cur) {
      if (cur >= 0) {
        addr = align_to(addr, page);
        off = align_to(off, page);
      }
      cur = cls;
    }
    u64 align = MAX(c->shdr.sh_addralign, 1);
    if ((c->shdr.sh_flags & SHF_TLS) && emitted && first_tls) {
      align = ctx->tls_align;
      first_tls = false;
    }
    u64 aligned = align_to(addr, align);
    off += aligned - addr;
    addr = aligned;
    u64 start;
    if (emitted && is_first_named(ctx, i) && requested_start(ctx, c->name, &start)) {
      if (start < addr && !ctx->misplaced_section && !ctx->opt.no_check_sections)
        ctx->misplaced_section = c, ctx->misplaced_end = addr;
      /* A new mapping: the file offset stays congruent to the address modulo the page
       * (gABI: p_offset and p_vaddr of a PT_LOAD). */
      off += (start - off) % page;
      addr = start;
    }
    c->shdr.sh_addr = addr;
    c->shdr.sh_offset = off;
    if ((c->shdr.sh_flags & SHF_TLS) && emitted) {
      if (!ctx->tls_begin)
        ctx->tls_begin = addr;
      ctx->tls_end = MAX(ctx->tls_end, addr + c->shdr.sh_size);
    }
    if (c->is_tbss)
      continue; /* .tbss lives only in the TLS template, not in the address space */
    addr += c->shdr.sh_size;
    if (c->shdr.sh_type != SHT_NOBITS)
      off += c->shdr.sh_size;
  }
  /* Non-allocated sections follow the last file byte. */
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (c->shdr.sh_flags & SHF_ALLOC)
      continue;
    off = align_to(off, MAX(c->shdr.sh_addralign, 1));
    c->shdr.sh_offset = off;
    c->shdr.sh_addr = 0;
    if (c->shdr.sh_type != SHT_NOBITS)
      off += c->shdr.sh_size;
  }
  ctx->filesize = (i64)off;
}

/* Addresses and offsets were computed in wrapping 64-bit arithmetic; every emitted
 * chunk must start at or after the previous one's end, in memory and in the file, and
 * the file must fit an off_t. Otherwise the output is larger than the target can
 * address, which hostile sizes and alignments could ask for. */
static void check_output_fits(Ctx *ctx) {
  u64 addr_end = 0, file_end = 0;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    bool alloc = (c->shdr.sh_flags & SHF_ALLOC) != 0;
    u64 size = c->shdr.sh_size, addr = c->shdr.sh_addr, off = c->shdr.sh_offset;
    u64 file_size = c->shdr.sh_type == SHT_NOBITS ? 0 : size;
    /* --no-check-sections lets --section-start put a section over others (GNU ld);
     * the file never overlaps. */
    bool below = addr < addr_end && !ctx->opt.no_check_sections;
    bool wraps = (alloc && !c->is_tbss && (below || addr + size < addr)) || off < file_end ||
                 off + file_size < off || off + file_size > (u64)INT64_MAX;
    if (wraps) {
      error(ctx, "%s: output is too large: section %s (size 0x%lx) does not fit the %s",
            ctx->opt.output, c->name, (unsigned long)size,
            off + file_size > (u64)INT64_MAX || off < file_end ? "file" : "address space");
      return;
    }
    if (alloc && !c->is_tbss)
      addr_end = addr + size;
    file_end = off + file_size;
  }
}

/* Both steps are repeatable: the allocated sections get the same places again. A
 * misplaced section was reported by layout_sections already. */
void relayout_nonalloc_sections(Ctx *ctx) {
  assign_section_indices(ctx);
  assign_addresses(ctx);
  if (!ctx->misplaced_section)
    check_output_fits(ctx);
}

/* The build-id note: its header, "GNU", and the digest --build-id asked for. */
void size_build_id_note(Ctx *ctx) {
  if (!ctx->build_id)
    return;
  i64 len = 16;
  switch (ctx->opt.build_id) {
  case BUILD_ID_SHA1:
    len = 20;
    break;
  case BUILD_ID_SHA256:
    len = 32;
    break;
  case BUILD_ID_HEX:
    len = ctx->opt.build_id_hex_len;
    break;
  default:
    break;
  }
  ctx->build_id->shdr.sh_size = 16 + align_to((u64)len, 4);
  ctx->build_id->nentries = len;
}

void layout_sections(Ctx *ctx) {
  TIMED_STEP(ctx, "size synthetic sections", size_synthetic(ctx));
  TIMED_STEP(ctx, "size .symtab", size_symtab(ctx));
  assign_section_indices(ctx);
  /* The program header count is known only after a layout; it does not change the
   * set of segments, so two rounds settle it. */
  /* .relr.dyn's size depends on addresses: it only grows, so this converges; the cap
   * is a safety net (lld caps its similar loop at 30). */
  for (int round = 0; round < 16; round++) {
    i64 before = ctx->phdrs.len;
    ctx->phdr->shdr.sh_size = (u64)before * sizeof(Elf64_Phdr);
    assign_addresses(ctx);
    build_phdrs(ctx);
    bool relr_grew = update_relr_size(ctx);
    if (ctx->phdrs.len == before && !relr_grew) {
      if (ctx->misplaced_section)
        error(ctx,
              "section %s: its address 0x%lx (--section-start, -Ttext, -Tdata, -Tbss) is "
              "below the end of the sections before it (0x%lx)",
              ctx->misplaced_section->name, (unsigned long)ctx->misplaced_section->shdr.sh_addr,
              (unsigned long)ctx->misplaced_end);
      else
        check_output_fits(ctx);
      return;
    }
    if (relr_grew)
      assign_section_indices(ctx); /* .relr.dyn may have become non-empty */
  }
  fatal(ctx, "layout did not converge");
}

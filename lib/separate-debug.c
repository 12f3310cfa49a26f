/* --separate-debug-file[=FILE] (mold): the output keeps no debug information; its
 * .debug_* sections, .symtab and .strtab go to FILE (OUTPUT.dbg by default), and the
 * output gets a .gnu_debuglink section naming FILE, by which gdb finds it. GNU's
 * debuglink format: the file's base name, a NUL, zero padding to 4 bytes, then the
 * CRC-32 (zlib's) of the whole debug file, little-endian; a debugger ignores a file
 * whose CRC differs.
 *
 * The debug file is laid out as `objcopy --only-keep-debug` would make it: the output's
 * section headers, at the same addresses, with the allocated sections NOBITS (notes,
 * the build ID among them, keep their bytes: debuggers match the two files by it), the
 * ELF and program headers, then the debug sections and the symbol table.
 *
 * The CRC and the build ID would depend on each other (the build ID hashes the output,
 * which holds the CRC; the debug file holds the build ID). As mold does, the CRC is
 * chosen first -- the CRC-32 of the build ID, or of the output when there is none --
 * and the debug file ends with four bytes that give it that CRC. */
#include "rivet.h"

#include <stdlib.h>
#include <zlib.h>

static bool goes_to_debug_file(Ctx *ctx, const Chunk *c) {
  if (c->shdr.sh_flags & SHF_ALLOC)
    return false;
  return c == ctx->symtab_chunk || c == ctx->strtab || c->kind == CK_GDB_INDEX ||
         starts_with(c->name, ".debug") || starts_with(c->name, ".zdebug");
}

void create_debuglink_section(Ctx *ctx) {
  const char *path = ctx->opt.separate_debug_file;
  if (!path)
    return;
  if (!*path)
    path = arena_sprintf(&ctx->arena, "%s.dbg", ctx->opt.output);
  ctx->debug_file.path = path;
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  u64 size = align_to(strlen(name) + 1, 4) + 4;
  u8 *contents = arena_alloc(&ctx->arena, (i64)size, 4);
  memset(contents, 0, size);
  memcpy(contents, name, strlen(name));
  Chunk *c = new_chunk(ctx, CK_BLOB, ".gnu_debuglink", SHT_PROGBITS, 0, 4);
  c->blob = contents;
  c->shdr.sh_size = size;
  ctx->gnu_debuglink = c;
}

/* The output proper is laid out without the debug file's sections. */
void set_aside_debug_sections(Ctx *ctx) {
  if (!ctx->gnu_debuglink)
    return;
  i64 kept = 0;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (goes_to_debug_file(ctx, c)) {
      c->shndx = 0;
      vec_push(&ctx->debug_chunks, c);
    } else {
      ctx->chunks.data[kept++] = c;
    }
  }
  ctx->chunks.len = kept;
  relayout_nonalloc_sections(ctx);
}

/* ---- CRC-32 ---- */

enum { CRC_BLOCK = 1 << 20 };

typedef struct CrcJob {
  const u8 *data;
  i64 size;
  u32 *crcs; /* per block */
} CrcJob;

static void crc_block_task(Ctx *ctx, i64 i, void *arg) {
  (void)ctx;
  CrcJob *job = arg;
  i64 start = i * CRC_BLOCK, n = MIN((i64)CRC_BLOCK, job->size - start);
  job->crcs[i] = (u32)crc32(0, job->data + start, (uInt)n);
}

/* zlib's CRC-32 of size bytes, the 1 MiB blocks on all threads, then combined. */
static u32 parallel_crc32(Ctx *ctx, const u8 *data, i64 size) {
  i64 nblocks = (size + CRC_BLOCK - 1) / CRC_BLOCK;
  CrcJob job = {data, size, calloc((size_t)MAX(nblocks, 1), sizeof(u32))};
  if (!job.crcs)
    fatal(ctx, "out of memory");
  parallel_for(ctx, nblocks, crc_block_task, &job);
  uLong crc = crc32(0, NULL, 0);
  for (i64 i = 0; i < nblocks; i++)
    crc = crc32_combine(crc, job.crcs[i], (z_off_t)MIN((i64)CRC_BLOCK, size - i * CRC_BLOCK));
  free(job.crcs);
  return (u32)crc;
}

static u32 crc_after_word(u32 crc, u32 word) {
  u8 b[4];
  wr32(b, word);
  return (u32)crc32(crc, b, 4);
}

/* The 4 bytes (as a little-endian word) that, appended to data whose CRC-32 is crc,
 * make the CRC-32 want. Appending a word w gives a CRC affine in w's bits over GF(2),
 * f(w) = f(0) ^ L(w), with L invertible (the polynomial has degree 32): L's columns are
 * f(1 << j) ^ f(0); Gaussian elimination solves L(w) = want ^ f(0). */
static u32 crc32_forge(u32 crc, u32 want) {
  u32 base = crc_after_word(crc, 0);
  u32 pivot[32] = {0}, combo[32] = {0}; /* row with leading bit b; the columns it sums */
  for (int j = 0; j < 32; j++) {
    u32 v = crc_after_word(crc, 1u << j) ^ base, m = 1u << j;
    for (int b = 31; b >= 0 && v; b--) {
      if (!(v >> b & 1))
        continue;
      if (!pivot[b]) {
        pivot[b] = v, combo[b] = m;
        break;
      }
      v ^= pivot[b], m ^= combo[b];
    }
  }
  u32 rest = want ^ base, word = 0;
  for (int b = 31; b >= 0; b--)
    if (rest >> b & 1 && pivot[b])
      rest ^= pivot[b], word ^= combo[b];
  return word;
}

/* After the build ID: the CRC the debug file will be given, into .gnu_debuglink. */
void write_debuglink_crc(Ctx *ctx) {
  Chunk *link = ctx->gnu_debuglink;
  if (!link)
    return;
  if (ctx->build_id)
    ctx->debuglink_crc =
        (u32)crc32(0, ctx->buf + ctx->build_id->shdr.sh_offset + 16, (uInt)ctx->build_id->nentries);
  else
    ctx->debuglink_crc = parallel_crc32(ctx, ctx->buf, ctx->filesize);
  wr32(ctx->buf + link->shdr.sh_offset + link->shdr.sh_size - 4, ctx->debuglink_crc);
}

/* ---- the debug file ---- */

typedef struct NoteCopy {
  Chunk *chunk;    /* a note or a non-allocated section the debug file copies */
  u64 main_offset; /* where its bytes are in the output */
} NoteCopy;

/* Bytes the debug file copies from the output: the notes, and the non-allocated
 * sections the output keeps (.comment), as objcopy --only-keep-debug does. */
static bool copied_from_output(Ctx *ctx, const Chunk *c) {
  if (c->kind == CK_SHSTRTAB || c->kind == CK_SHDR || c == ctx->gnu_debuglink || !c->shndx)
    return false;
  return c->shdr.sh_type == SHT_NOTE || !(c->shdr.sh_flags & SHF_ALLOC);
}

static bool keeps_contents(Ctx *ctx, const Chunk *c) {
  switch (c->kind) {
  case CK_EHDR:
  case CK_PHDR:
  case CK_SHDR:
  case CK_SHSTRTAB:
    return true;
  default:
    return c->shdr.sh_type == SHT_NOTE || goes_to_debug_file(ctx, c) ||
           (c->shdr.sh_type != SHT_NOBITS && !(c->shdr.sh_flags & SHF_ALLOC) &&
            c != ctx->gnu_debuglink);
  }
}

/* The allocated sections keep their offsets in the output, so that each lies in the
 * file range its segment claims (the program headers are the output's, their file
 * sizes cut to the bytes kept); the headers and notes are at those offsets. The
 * other sections follow the last of those bytes. */
static void assign_debug_file_offsets(Ctx *ctx) {
  u64 off = 0;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    const Elf64_Shdr *sh = &ctx->chunks.data[i]->shdr;
    if ((sh->sh_flags & SHF_ALLOC) && sh->sh_type != SHT_NOBITS)
      off = MAX(off, sh->sh_offset + sh->sh_size);
  }
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Elf64_Shdr *sh = &ctx->chunks.data[i]->shdr;
    if (sh->sh_flags & SHF_ALLOC)
      continue;
    off = align_to(off, MAX(sh->sh_addralign, 1));
    sh->sh_offset = off;
    if (sh->sh_type != SHT_NOBITS)
      off += sh->sh_size;
  }
  ctx->filesize = (i64)off;
}

/* A segment of the debug file holds only the bytes its notes and headers keep. */
static void trim_to_present_bytes(Ctx *ctx, Elf64_Phdr *p) {
  if (p->p_type == PT_PHDR || p->p_memsz == 0)
    return;
  u64 file_end = 0;
  bool any = false;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    const Chunk *c = ctx->chunks.data[i];
    const Elf64_Shdr *sh = &c->shdr;
    bool present = (sh->sh_flags & SHF_ALLOC) && sh->sh_type != SHT_NOBITS &&
                   (c->shndx || c->kind == CK_EHDR || c->kind == CK_PHDR);
    if (present && sh->sh_addr >= p->p_vaddr &&
        sh->sh_addr + sh->sh_size <= p->p_vaddr + p->p_memsz) {
      file_end = MAX(file_end, sh->sh_offset + sh->sh_size);
      any = true;
    }
  }
  if (any && file_end > p->p_offset) {
    p->p_filesz = file_end - p->p_offset;
    return;
  }
  p->p_filesz = 0;
}

/* The output's chunks and the debug ones in section order, every section of the output
 * without its bytes; the notes' places in the output, to copy them from. */
static NoteCopy *lay_out_debug_file(Ctx *ctx, i64 *nnotes) {
  NoteCopy *notes = calloc((size_t)ctx->chunks.len + 1, sizeof(NoteCopy));
  if (!notes)
    fatal(ctx, "out of memory");
  *nnotes = 0;
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (copied_from_output(ctx, c))
      notes[(*nnotes)++] = (NoteCopy){c, c->shdr.sh_offset};
  }
  for (i64 i = 0; i < ctx->debug_chunks.len; i++)
    vec_push(&ctx->chunks, ctx->debug_chunks.data[i]);
  sort_output_sections(ctx);
  for (i64 i = 0; i < ctx->chunks.len; i++)
    if (!keeps_contents(ctx, ctx->chunks.data[i]))
      ctx->chunks.data[i]->shdr.sh_type = SHT_NOBITS;
  assign_section_indices(ctx);
  assign_debug_file_offsets(ctx);
  for (i64 i = 0; i < ctx->phdrs.len; i++)
    trim_to_present_bytes(ctx, &ctx->phdrs.data[i]);
  return notes;
}

static void write_symtab_task(Ctx *ctx, i64 i, void *arg) {
  (void)arg;
  write_symtab_segment(ctx, i);
}

static void write_debug_file_contents(Ctx *ctx, const u8 *main_image, NoteCopy *notes, i64 nnotes) {
  write_ehdr(ctx, ctx->buf);
  memcpy(ctx->buf + ctx->phdr->shdr.sh_offset, ctx->phdrs.data,
         sizeof(Elf64_Phdr) * (size_t)ctx->phdrs.len);
  for (i64 i = 0; i < nnotes; i++)
    memcpy(ctx->buf + notes[i].chunk->shdr.sh_offset, main_image + notes[i].main_offset,
           notes[i].chunk->shdr.sh_size);
  write_shdrs_and_names(ctx);
  if (ctx->symtab_chunk)
    parallel_for(ctx, symtab_segments(ctx), write_symtab_task, NULL);
  i64 n = ctx->debug_chunks.len;
  Chunk **chunks = malloc(sizeof(Chunk *) * (size_t)MAX(n, 1));
  u8 **bufs = malloc(sizeof(u8 *) * (size_t)MAX(n, 1));
  if (!chunks || !bufs)
    fatal(ctx, "out of memory");
  i64 k = 0;
  for (i64 i = 0; i < n; i++) {
    Chunk *c = ctx->debug_chunks.data[i];
    if (c->shndx && c->shdr.sh_type != SHT_NOBITS) {
      chunks[k] = c;
      bufs[k++] = ctx->buf + c->shdr.sh_offset;
    }
  }
  write_chunks_into(ctx, chunks, bufs, k);
  write_gdb_index(ctx); /* it indexes the DWARF it goes with (as mold) */
  free(chunks);
  free(bufs);
}

/* Written into its temporary file, renamed into place by commit_separate_debug_file
 * once the output is. The output's image is left as it was. */
void write_separate_debug_file(Ctx *ctx) {
  if (!ctx->gnu_debuglink || checkpoint(ctx))
    return;
  u8 *main_image = ctx->buf;
  i64 main_size = ctx->filesize;
  i64 nnotes;
  NoteCopy *notes = lay_out_debug_file(ctx, &nnotes);
  SideOutput *out = &ctx->debug_file;
  out->size = ctx->filesize + 4;
  if (open_side_output(ctx, out)) {
    ctx->buf = out->buf;
    write_debug_file_contents(ctx, main_image, notes, nnotes);
    u32 crc = parallel_crc32(ctx, out->buf, ctx->filesize),
        tail = crc32_forge(crc, ctx->debuglink_crc);
    if (crc_after_word(crc, tail) != ctx->debuglink_crc)
      error(ctx, "%s: cannot give the debug file its CRC (internal error)", out->path);
    wr32(out->buf + ctx->filesize, tail);
  }
  free(notes);
  ctx->buf = main_image;
  ctx->filesize = main_size;
}

int commit_separate_debug_file(Ctx *ctx) {
  if (!ctx->debug_file.buf)
    return 0;
  bool ok = commit_side_output(ctx, &ctx->debug_file);
  if (!ok)
    checkpoint(ctx);
  return ok ? 0 : 1;
}

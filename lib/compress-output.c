/* --compress-debug-sections: the output's non-allocated .debug_* sections written
 * compressed, as GNU ld 2.40 writes them. gABI "Compressed Sections": the section has
 * SHF_COMPRESSED and holds an Elf64_Chdr (ch_type, ch_size = the uncompressed size,
 * ch_addralign = the section's alignment), then the compressed bytes; its sh_addralign
 * becomes the header's, 8. zlib-gnu is the older form gas and GNU ld still write: the
 * section is renamed .zdebug_*, holds "ZLIB" and the uncompressed size as a big-endian
 * 64-bit number, then a zlib stream, and has no flag. GNU ld leaves a section
 * uncompressed when compressing it, header included, does not make it smaller (small
 * sections such as a short .debug_aranges); so does rivet.
 *
 * A compressed size is known only once the contents are, that is once addresses are;
 * the file offsets of the non-allocated sections depend on it. So this pass runs after
 * layout: it relocates the sections into memory, compresses them, hands the bytes to
 * write_chunks (Chunk.blob) and moves the non-allocated sections' offsets.
 *
 * Large links carry hundreds of MB of DWARF, most of it in one .debug_info: every
 * section is cut into fixed-size blocks, compressed on all threads. zlib: each block is
 * a deflate stream of its own, every one but the last ended with Z_SYNC_FLUSH (an empty
 * stored block, not final, which ends on a byte boundary), so that end to end they
 * are one deflate stream (RFC 1951); the first block's stream carries the zlib header
 * and the last is followed by the adler32 of the whole, combined from the blocks'
 * (RFC 1950; pigz joins its blocks so). zstd: a frame per block; a decoder reads
 * concatenated frames as one stream (RFC 8878 section 3.1; ZSTD_decompress does).
 * The blocks do not depend on the thread count, so neither does the output.
 *
 * Levels are the fastest: debug sections are written at every link, and on a link with
 * 13 MB of DWARF zlib level 6 (GNU ld's) took 3.3 times level 1's time for a 4% smaller
 * output, zstd level 3 (GNU ld's) twice level 1's for 6%. */
#include "rivet.h"

#include <stdlib.h>
#include <zlib.h>
#ifdef RIVET_HAVE_ZSTD
#include <zstd.h>
#endif

enum {
  BLOCK_SIZE = 1 << 20,
  ZLIB_LEVEL = Z_BEST_SPEED,
  ZSTD_LEVEL = 1,
  ZDEBUG_HEADER_SIZE = 12, /* "ZLIB", big-endian u64 size */
};

typedef struct Block {
  const u8 *in; /* a BLOCK_SIZE piece of a section's uncompressed contents (the last shorter) */
  i64 in_size;
  u8 *out; /* malloc'd compressed bytes */
  i64 out_size;
  u8 *dest;  /* where they go in the section's new contents; NULL: it stays uncompressed */
  u32 adler; /* zlib: adler32 of the piece */
  bool first, last;
} Block;

typedef struct DebugSection {
  Chunk *chunk;
  u8 *raw; /* relocated uncompressed contents */
  i64 first_block, nblocks;
} DebugSection;

typedef struct CompressJob {
  DebugCompression kind;
  Block *blocks;
} CompressJob;

/* What GNU ld compresses: the non-allocated sections named .debug*, if they have
 * contents. */
static bool is_compressible(Chunk *c) {
  return !(c->shdr.sh_flags & SHF_ALLOC) && c->shdr.sh_type != SHT_NOBITS && c->shdr.sh_size > 0 &&
         starts_with(c->name, ".debug") && (c->kind == CK_OSEC || c->kind == CK_MERGED);
}

static void deflate_block(Ctx *ctx, Block *b) {
  z_stream s = {0};
  /* The first block's stream has the zlib header; the others are raw deflate. */
  int window_bits = b->first ? MAX_WBITS : -MAX_WBITS;
  if (deflateInit2(&s, ZLIB_LEVEL, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    fatal(ctx, "zlib: cannot start compressing");
  /* A sync flush adds an empty stored block (5 bytes) to what deflateBound allows for. */
  uLong cap = deflateBound(&s, (uLong)b->in_size) + 16;
  b->out = malloc(cap);
  if (!b->out)
    fatal(ctx, "out of memory");
  s.next_in = (Bytef *)b->in;
  s.avail_in = (uInt)b->in_size;
  s.next_out = b->out;
  s.avail_out = (uInt)cap;
  int flush = b->last ? Z_FINISH : Z_SYNC_FLUSH;
  int rc = deflate(&s, flush);
  if (rc != (b->last ? Z_STREAM_END : Z_OK) || s.avail_in || !s.avail_out)
    fatal(ctx, "zlib: compression failed");
  b->out_size = (i64)(cap - s.avail_out);
  deflateEnd(&s);
  b->adler = (u32)adler32(1, b->in, (uInt)b->in_size);
}

static void zstd_block(Ctx *ctx, Block *b) {
#ifdef RIVET_HAVE_ZSTD
  size_t cap = ZSTD_compressBound((size_t)b->in_size);
  b->out = malloc(cap);
  if (!b->out)
    fatal(ctx, "out of memory");
  size_t n = ZSTD_compress(b->out, cap, b->in, (size_t)b->in_size, ZSTD_LEVEL);
  if (ZSTD_isError(n))
    fatal(ctx, "zstd: compression failed: %s", ZSTD_getErrorName(n));
  b->out_size = (i64)n;
#else
  (void)b;
  fatal(ctx, "zstd: not supported by this build"); /* refused with the option already */
#endif
}

static void place_block_task(Ctx *ctx, i64 i, void *arg) {
  (void)ctx;
  Block *b = &((CompressJob *)arg)->blocks[i];
  if (b->dest)
    memcpy(b->dest, b->out, (size_t)b->out_size);
  free(b->out);
}

static void compress_block_task(Ctx *ctx, i64 i, void *arg) {
  CompressJob *job = arg;
  if (job->kind == DEBUG_COMPRESS_ZSTD)
    zstd_block(ctx, &job->blocks[i]);
  else
    deflate_block(ctx, &job->blocks[i]);
}

/* The header before the compressed blocks, and after them, zlib's adler32 when the
 * section took several blocks (one block's stream ends with its own). */
static i64 header_size(DebugCompression kind) {
  return kind == DEBUG_COMPRESS_ZLIB_GNU ? ZDEBUG_HEADER_SIZE : (i64)sizeof(Elf64_Chdr);
}

static i64 trailer_size(DebugCompression kind, const DebugSection *d) {
  return kind != DEBUG_COMPRESS_ZSTD && d->nblocks > 1 ? 4 : 0;
}

/* size and align: the uncompressed section's. */
static void write_header(DebugCompression kind, u64 size, u64 align, u8 *p) {
  if (kind == DEBUG_COMPRESS_ZLIB_GNU) {
    memcpy(p, "ZLIB", 4);
    for (int i = 0; i < 8; i++)
      p[4 + i] = (u8)(size >> (56 - 8 * i));
    return;
  }
  Elf64_Chdr chdr = {.ch_type = kind == DEBUG_COMPRESS_ZSTD ? 2 /* ELFCOMPRESS_ZSTD */
                                                            : ELFCOMPRESS_ZLIB,
                     .ch_size = size,
                     .ch_addralign = MAX(align, 1)};
  memcpy(p, &chdr, sizeof(chdr));
}

static void write_adler32_trailer(const DebugSection *d, const Block *blocks, u8 *p) {
  uLong adler = blocks[d->first_block].adler;
  for (i64 k = 1; k < d->nblocks; k++) {
    const Block *b = &blocks[d->first_block + k];
    adler = adler32_combine(adler, b->adler, (z_off_t)b->in_size);
  }
  for (int i = 0; i < 4; i++) /* RFC 1950: most significant byte first */
    p[i] = (u8)(adler >> (24 - 8 * i));
}

/* The section's new header and size, and where its blocks go; or its uncompressed
 * contents when compression does not make it smaller (GNU ld's rule). */
static void finish_section(Ctx *ctx, DebugCompression kind, DebugSection *d, Block *blocks) {
  Chunk *c = d->chunk;
  i64 size = header_size(kind) + trailer_size(kind, d);
  for (i64 k = 0; k < d->nblocks; k++)
    size += blocks[d->first_block + k].out_size;
  if ((u64)size >= c->shdr.sh_size) {
    c->blob = d->raw;
    d->raw = NULL;
    return;
  }
  u8 *out = alloc_zeroed(size);
  if (!out)
    fatal(ctx, "out of memory");
  write_header(kind, c->shdr.sh_size, c->shdr.sh_addralign, out);
  u8 *p = out + header_size(kind);
  for (i64 k = 0; k < d->nblocks; k++) {
    Block *b = &blocks[d->first_block + k];
    b->dest = p;
    p += b->out_size;
  }
  if (trailer_size(kind, d))
    write_adler32_trailer(d, blocks, p);
  free_zeroed(d->raw, (i64)c->shdr.sh_size);
  d->raw = NULL;
  c->blob = out;
  c->shdr.sh_size = (u64)size;
  if (kind == DEBUG_COMPRESS_ZLIB_GNU) {
    c->name = arena_sprintf(&ctx->arena, ".zdebug%s", c->name + strlen(".debug"));
  } else {
    c->shdr.sh_flags |= SHF_COMPRESSED;
    c->shdr.sh_addralign = _Alignof(Elf64_Chdr);
  }
}

/* Compresses those of the n chunks GNU ld would, their uncompressed contents made by
 * fill (into zero-filled buffers). -r fills them with the inputs' bytes: the
 * relocations kept beside them apply to the uncompressed contents (gABI "Compressed
 * Sections"). */
void compress_debug_chunks(Ctx *ctx, Chunk **candidates, i64 n, FillContentsFn *fill) {
  DebugCompression kind = ctx->opt.compress_debug;
  if (kind == DEBUG_COMPRESS_NONE)
    return;
  VEC(DebugSection) secs = {0};
  i64 nblocks = 0;
  for (i64 i = 0; i < n; i++) {
    Chunk *c = candidates[i];
    if (!is_compressible(c))
      continue;
    /* Zero-filled (alignment padding is not written), in huge pages when large: with
     * a fault per 4 KiB page, relocating 300 MB of DWARF took 1.1 s instead of 0.2-0.7. */
    u8 *raw = alloc_zeroed((i64)c->shdr.sh_size);
    if (!raw)
      fatal(ctx, "out of memory");
    i64 nb = ((i64)c->shdr.sh_size + BLOCK_SIZE - 1) / BLOCK_SIZE;
    vec_push(&secs,
             ((DebugSection){.chunk = c, .raw = raw, .first_block = nblocks, .nblocks = nb}));
    nblocks += nb;
  }
  if (!secs.len)
    return;

  Chunk **chunks = malloc(sizeof(Chunk *) * (size_t)secs.len);
  u8 **bufs = malloc(sizeof(u8 *) * (size_t)secs.len);
  Block *blocks = calloc((size_t)nblocks, sizeof(Block));
  if (!chunks || !bufs || !blocks)
    fatal(ctx, "out of memory");
  for (i64 i = 0; i < secs.len; i++) {
    chunks[i] = secs.data[i].chunk;
    bufs[i] = secs.data[i].raw;
  }
  TIMED_STEP(ctx, "relocate debug sections", fill(ctx, chunks, bufs, secs.len));

  for (i64 i = 0; i < secs.len; i++) {
    DebugSection *d = &secs.data[i];
    i64 size = (i64)d->chunk->shdr.sh_size;
    for (i64 k = 0; k < d->nblocks; k++) {
      Block *b = &blocks[d->first_block + k];
      b->in = d->raw + k * BLOCK_SIZE;
      b->in_size = MIN(BLOCK_SIZE, size - k * BLOCK_SIZE);
      b->first = k == 0;
      b->last = k + 1 == d->nblocks;
    }
  }
  CompressJob job = {.kind = kind, .blocks = blocks};
  TIMED_STEP(ctx, "compress debug sections", parallel_for(ctx, nblocks, compress_block_task, &job));

  for (i64 i = 0; i < secs.len; i++)
    finish_section(ctx, kind, &secs.data[i], blocks);
  parallel_for(ctx, nblocks, place_block_task, &job);
  free(blocks);
  free(bufs);
  free(chunks);
  free(secs.data);
}

void compress_debug_sections(Ctx *ctx) {
  if (ctx->opt.compress_debug == DEBUG_COMPRESS_NONE)
    return;
  compress_debug_chunks(ctx, ctx->chunks.data, ctx->chunks.len, write_chunks_into);
  relayout_nonalloc_sections(ctx);
}

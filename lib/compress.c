/* SHF_COMPRESSED input sections (gABI "Compressed Sections"): an Elf64_Chdr, then
 * zlib or zstd data; and the older GNU form, .zdebug_* sections (gas's
 * --compress-debug-sections=zlib-gnu). They are inflated once, into the arena, when
 * the object is read. */
#include "rivet.h"

#include <zlib.h>
#ifdef RIVET_HAVE_ZSTD
#define ZSTD_STATIC_LINKING_ONLY /* ZSTD_decompressBound (exported since zstd 1.4) */
#include <zstd.h>
#endif

bool decompress_section(Ctx *ctx, InputSection *isec) {
  InputFile *f = isec->file;
  if (isec->size < sizeof(Elf64_Chdr)) {
    error(ctx, "%s: section %s: compressed section is too short", f->name, isec->name);
    return false;
  }
  Elf64_Chdr chdr;
  memcpy(&chdr, isec->contents, sizeof(chdr));
  const u8 *src = isec->contents + sizeof(chdr);
  u64 src_size = isec->size - sizeof(chdr);
  /* deflate cannot expand more than 1032:1, so a larger claim is corrupt; zstd frames
   * state their size or bound it by their blocks, checked below. */
  u64 limit = chdr.ch_type == ELFCOMPRESS_ZLIB ? src_size * 1032 + 1024 : ((u64)1 << 32);
  /* One section above 4 GiB is not something a compiler writes. */
  limit = MIN(limit, (u64)1 << 32);
  if (chdr.ch_size > limit || chdr.ch_addralign > MAX_INPUT_ALIGN ||
      (chdr.ch_addralign > 1 && !is_pow2(chdr.ch_addralign))) {
    error(ctx, "%s: section %s: corrupt compression header", f->name, isec->name);
    return false;
  }
#ifdef RIVET_HAVE_ZSTD
  /* gas writes its frames without their content size (streaming compression): then
   * the claim must fit what the frames' blocks can hold. */
  if (chdr.ch_type == 2 /* ELFCOMPRESS_ZSTD */) {
    unsigned long long stated = ZSTD_getFrameContentSize(src, src_size);
    unsigned long long bound =
        stated == ZSTD_CONTENTSIZE_UNKNOWN ? ZSTD_decompressBound(src, src_size) : stated;
    bool fits = stated == ZSTD_CONTENTSIZE_UNKNOWN
                    ? bound != ZSTD_CONTENTSIZE_ERROR && chdr.ch_size <= bound
                    : stated == chdr.ch_size;
    if (!fits) {
      error(ctx, "%s: section %s: zstd frame size does not match the header", f->name,
            isec->name);
      return false;
    }
  }
#endif
  u8 *dst = arena_alloc(local_arena(ctx), (i64)chdr.ch_size + 1, 16);
  if (chdr.ch_type == ELFCOMPRESS_ZLIB) {
    uLongf out = (uLongf)chdr.ch_size;
    int rc = uncompress(dst, &out, src, (uLong)src_size);
    if (rc != Z_OK || out != chdr.ch_size) {
      error(ctx, "%s: section %s: zlib decompression failed", f->name, isec->name);
      return false;
    }
  } else if (chdr.ch_type == 2 /* ELFCOMPRESS_ZSTD */) {
#ifdef RIVET_HAVE_ZSTD
    size_t n = ZSTD_decompress(dst, chdr.ch_size, src, src_size);
    if (ZSTD_isError(n) || n != chdr.ch_size) {
      error(ctx, "%s: section %s: zstd decompression failed", f->name, isec->name);
      return false;
    }
#else
    error(ctx, "%s: section %s: zstd-compressed sections are not supported by this build", f->name,
          isec->name);
    return false;
#endif
  } else {
    error(ctx, "%s: section %s: unknown compression type %u", f->name, isec->name, chdr.ch_type);
    return false;
  }
  isec->contents = dst;
  isec->size = chdr.ch_size;
  isec->flags &= ~(u64)SHF_COMPRESSED;
  u64 align = chdr.ch_addralign ? chdr.ch_addralign : 1;
  isec->p2align = (u8)__builtin_ctzll(align);
  return true;
}

/* .zdebug_NAME: "ZLIB", the uncompressed size as a big-endian 64-bit number, then a
 * zlib stream; it is .debug_NAME once inflated (GNU ld reads it so; relocations refer
 * to the inflated bytes). A .zdebug section without the "ZLIB" magic is left as is. */
bool decompress_zdebug_section(Ctx *ctx, InputSection *isec) {
  InputFile *f = isec->file;
  if (isec->size < 12 || memcmp(isec->contents, "ZLIB", 4))
    return true;
  u64 size = 0;
  for (int i = 0; i < 8; i++)
    size = size << 8 | isec->contents[4 + i];
  u64 src_size = isec->size - 12;
  if (size > MIN(src_size * 1032 + 1024, (u64)1 << 32)) {
    error(ctx, "%s: section %s: corrupt compression header", f->name, isec->name);
    return false;
  }
  u8 *dst = arena_alloc(local_arena(ctx), (i64)size + 1, 16);
  uLongf out = (uLongf)size;
  int rc = uncompress(dst, &out, isec->contents + 12, (uLong)src_size);
  if (rc != Z_OK || out != size) {
    error(ctx, "%s: section %s: zlib decompression failed", f->name, isec->name);
    return false;
  }
  isec->contents = dst;
  isec->size = size;
  isec->name = arena_sprintf(local_arena(ctx), ".debug%s", isec->name + strlen(".zdebug"));
  return true;
}

/* SHF_COMPRESSED input sections: decompress_section() replaces a section's contents by
 * its inflated bytes when the Elf64_Chdr's claim holds, and refuses one whose claimed
 * size its data cannot produce. zstd data comes as gas writes it (a streamed frame
 * that does not state its content size) and as objcopy writes it (one that does). */
#include "unit-helpers.h"

#include <zlib.h>
#ifdef RIVET_TEST_ZSTD
#include <zstd.h>
#endif

static const char text[] = "a debug string, a debug string, a debug string, another one\n";

/* Chdr + compressed bytes, in the arena. */
static u8 *compressed_section(Ctx *ctx, u32 type, u64 claimed, const u8 *payload, size_t n,
                              u64 *size) {
  u8 *buf = ARENA_ARRAY(&ctx->arena, u8, sizeof(Elf64_Chdr) + 1024);
  Elf64_Chdr chdr = {.ch_type = type, .ch_size = claimed, .ch_addralign = 1};
  memcpy(buf, &chdr, sizeof chdr);
  memcpy(buf + sizeof chdr, payload, n);
  *size = sizeof chdr + n;
  return buf;
}

static InputSection *section_of(Ctx *ctx, const u8 *data, u64 size) {
  InputFile *f = fake_file(ctx, "dbg.o", 2, 0);
  return fake_section(ctx, f, 1, ".debug_str", SHT_PROGBITS, SHF_COMPRESSED, 0, 3, data, size);
}

Test(compress, zlib_section_is_inflated) {
  Ctx *ctx = new_test_ctx();
  u8 z[256];
  uLongf zn = sizeof z;
  cr_assert_eq(compress(z, &zn, (const Bytef *)text, sizeof text), Z_OK);
  u64 size;
  u8 *data = compressed_section(ctx, ELFCOMPRESS_ZLIB, sizeof text, z, zn, &size);
  InputSection *isec = section_of(ctx, data, size);
  cr_assert(decompress_section(ctx, isec), "%s", all_errors(ctx));
  cr_assert_eq(isec->size, sizeof text);
  cr_assert_eq(memcmp(isec->contents, text, sizeof text), 0);
  cr_assert_eq(isec->flags & SHF_COMPRESSED, 0);
  cr_assert_eq(isec->p2align, 0);
}

#ifdef RIVET_TEST_ZSTD
/* A frame that does not state its content size, as gas's streaming writes it. */
static size_t zstd_streamed(u8 *out, size_t cap) {
  ZSTD_CCtx *cctx = ZSTD_createCCtx();
  cr_assert(!ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0)));
  ZSTD_outBuffer ob = {out, cap, 0};
  ZSTD_inBuffer ib = {text, sizeof text, 0};
  size_t left = ZSTD_compressStream2(cctx, &ob, &ib, ZSTD_e_end);
  cr_assert(!ZSTD_isError(left) && left == 0);
  ZSTD_freeCCtx(cctx);
  cr_assert_eq(ZSTD_getFrameContentSize(out, ob.pos), ZSTD_CONTENTSIZE_UNKNOWN);
  return ob.pos;
}

Test(compress, zstd_frame_without_content_size_is_inflated) {
  Ctx *ctx = new_test_ctx();
  u8 z[256];
  size_t zn = zstd_streamed(z, sizeof z);
  u64 size;
  u8 *data = compressed_section(ctx, 2 /* ELFCOMPRESS_ZSTD */, sizeof text, z, zn, &size);
  InputSection *isec = section_of(ctx, data, size);
  cr_assert(decompress_section(ctx, isec), "%s", all_errors(ctx));
  cr_assert_eq(isec->size, sizeof text);
  cr_assert_eq(memcmp(isec->contents, text, sizeof text), 0);
}

Test(compress, zstd_frame_with_content_size_is_inflated) {
  Ctx *ctx = new_test_ctx();
  u8 z[256];
  size_t zn = ZSTD_compress(z, sizeof z, text, sizeof text, 3);
  cr_assert(!ZSTD_isError(zn));
  u64 size;
  u8 *data = compressed_section(ctx, 2 /* ELFCOMPRESS_ZSTD */, sizeof text, z, zn, &size);
  InputSection *isec = section_of(ctx, data, size);
  cr_assert(decompress_section(ctx, isec), "%s", all_errors(ctx));
  cr_assert_eq(memcmp(isec->contents, text, sizeof text), 0);
}

/* A claim beyond what the frame's blocks can hold is refused before anything is
 * allocated for it; a claim the stated content size contradicts, too. */
Test(compress, zstd_claim_beyond_the_frames_is_refused) {
  Ctx *ctx = new_test_ctx();
  u8 z[256];
  size_t zn = zstd_streamed(z, sizeof z);
  u64 size;
  u8 *data = compressed_section(ctx, 2 /* ELFCOMPRESS_ZSTD */, (u64)1 << 31, z, zn, &size);
  cr_assert_not(decompress_section(ctx, section_of(ctx, data, size)));
  cr_assert(has_error(ctx, "dbg.o: section .debug_str: zstd frame size does not match"), "%s",
            all_errors(ctx));

  zn = ZSTD_compress(z, sizeof z, text, sizeof text, 3);
  data = compressed_section(ctx, 2 /* ELFCOMPRESS_ZSTD */, sizeof text + 1, z, zn, &size);
  cr_assert_not(decompress_section(ctx, section_of(ctx, data, size)));
}

/* A claim within the bound but larger than the data: decompression comes up short. */
Test(compress, zstd_short_frame_is_refused) {
  Ctx *ctx = new_test_ctx();
  u8 z[256];
  size_t zn = zstd_streamed(z, sizeof z);
  u64 size;
  u8 *data = compressed_section(ctx, 2 /* ELFCOMPRESS_ZSTD */, sizeof text + 100, z, zn, &size);
  cr_assert_not(decompress_section(ctx, section_of(ctx, data, size)));
  cr_assert(has_error(ctx, "zstd decompression failed"), "%s", all_errors(ctx));
}
#endif

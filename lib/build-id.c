/* --build-id: a digest of the output image (the note's descriptor is zero while it is
 * hashed). "fast" hashes 1 MiB blocks in parallel and hashes the block digests, so the
 * result is independent of the thread count. SHA-1 (FIPS 180-4) and MD5 (RFC 1321)
 * are implemented here to keep the dependency list short. */
#include "rivet.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static u32 rol32(u32 x, int n) {
  return (x << n) | (x >> (32 - n));
}

typedef struct Sha1 {
  u32 h[5];
  u8 block[64];
  u64 len;
} Sha1;

static void sha1_block(Sha1 *s, const u8 *p) {
  u32 w[80];
  for (int i = 0; i < 16; i++)
    w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 80; i++)
    w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  u32 a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
  for (int i = 0; i < 80; i++) {
    u32 f, k;
    if (i < 20)
      f = (b & c) | (~b & d), k = 0x5a827999;
    else if (i < 40)
      f = b ^ c ^ d, k = 0x6ed9eba1;
    else if (i < 60)
      f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
    else
      f = b ^ c ^ d, k = 0xca62c1d6;
    u32 t = rol32(a, 5) + f + e + k + w[i];
    e = d, d = c, c = rol32(b, 30), b = a, a = t;
  }
  s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d, s->h[4] += e;
}

static void sha1(const u8 *data, u64 len, u8 out[20]) {
  Sha1 s = {.h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}};
  u64 i = 0;
  for (; i + 64 <= len; i += 64)
    sha1_block(&s, data + i);
  u8 tail[128] = {0};
  u64 rest = len - i;
  memcpy(tail, data + i, rest);
  tail[rest] = 0x80;
  u64 tlen = rest + 1 + 8 <= 64 ? 64 : 128;
  u64 bits = len * 8;
  for (int k = 0; k < 8; k++)
    tail[tlen - 1 - k] = (u8)(bits >> (8 * k));
  for (u64 k = 0; k < tlen; k += 64)
    sha1_block(&s, tail + k);
  for (int k = 0; k < 5; k++) {
    out[4 * k] = (u8)(s.h[k] >> 24);
    out[4 * k + 1] = (u8)(s.h[k] >> 16);
    out[4 * k + 2] = (u8)(s.h[k] >> 8);
    out[4 * k + 3] = (u8)s.h[k];
  }
}

static const u32 md5_k[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
static const int md5_r[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                              5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                              4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                              6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};

static void md5_block(u32 h[4], const u8 *p) {
  u32 m[16];
  for (int i = 0; i < 16; i++)
    m[i] = rd32(p + 4 * i);
  u32 a = h[0], b = h[1], c = h[2], d = h[3];
  for (int i = 0; i < 64; i++) {
    u32 f;
    int g;
    if (i < 16)
      f = (b & c) | (~b & d), g = i;
    else if (i < 32)
      f = (d & b) | (~d & c), g = (5 * i + 1) % 16;
    else if (i < 48)
      f = b ^ c ^ d, g = (3 * i + 5) % 16;
    else
      f = c ^ (b | ~d), g = (7 * i) % 16;
    u32 t = d;
    d = c;
    c = b;
    b = b + rol32(a + f + md5_k[i] + m[g], md5_r[i]);
    a = t;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d;
}

static void md5(const u8 *data, u64 len, u8 out[16]) {
  u32 h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  u64 i = 0;
  for (; i + 64 <= len; i += 64)
    md5_block(h, data + i);
  u8 tail[128] = {0};
  u64 rest = len - i;
  memcpy(tail, data + i, rest);
  tail[rest] = 0x80;
  u64 tlen = rest + 1 + 8 <= 64 ? 64 : 128;
  wr64(tail + tlen - 8, len * 8);
  for (u64 k = 0; k < tlen; k += 64)
    md5_block(h, tail + k);
  for (int k = 0; k < 4; k++)
    wr32(out + 4 * k, h[k]);
}

enum { BLOCK = 1 << 20 };

typedef struct FastHash {
  const u8 *data;
  u64 len;
  u64 *digests; /* two words per block */
} FastHash;

/* Four independent lanes per block, so the multiply chains overlap in the CPU. */
static void hash_block(Ctx *ctx, i64 i, void *arg) {
  (void)ctx;
  FastHash *fh = arg;
  u64 start = (u64)i * BLOCK;
  u64 n = MIN((u64)BLOCK, fh->len - start);
  const u8 *p = fh->data + start;
  u64 lane[4] = {0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL, 0x165667b19e3779f9ULL, n};
  u64 k = 0;
  for (; k + 32 <= n; k += 32)
    for (int j = 0; j < 4; j++)
      lane[j] = (lane[j] ^ rd64(p + k + 8 * (u64)j)) * 0x100000001b3ULL + (lane[j] >> 29);
  u64 tail = hash_bytes(p + k, (i64)(n - k));
  fh->digests[2 * i] = hash_bytes((const u8 *)lane, 16) ^ tail;
  fh->digests[2 * i + 1] = hash_bytes((const u8 *)(lane + 2), 16) ^ (tail * 0x9e3779b97f4a7c15ULL);
}

void compute_build_id(Ctx *ctx, u8 *out, i64 len) {
  const u8 *data = ctx->buf;
  u64 size = (u64)ctx->filesize;
  switch (ctx->opt.build_id) {
  case BUILD_ID_SHA1:
    sha1(data, size, out);
    return;
  case BUILD_ID_MD5:
    md5(data, size, out);
    return;
  case BUILD_ID_HEX:
    memcpy(out, ctx->opt.build_id_hex, (size_t)len);
    return;
  case BUILD_ID_UUID: {
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0 || read(fd, out, 16) != 16)
      fatal(ctx, "--build-id=uuid: cannot read /dev/urandom");
    close(fd);
    out[6] = (out[6] & 0x0f) | 0x40; /* RFC 4122 version 4 */
    out[8] = (out[8] & 0x3f) | 0x80;
    return;
  }
  default: {
    i64 nblocks = (i64)((size + BLOCK - 1) / BLOCK);
    FastHash fh = {data, size, calloc((size_t)nblocks * 2 + 2, sizeof(u64))};
    parallel_for(ctx, nblocks, hash_block, &fh);
    u8 digest[20];
    sha1((const u8 *)fh.digests, (u64)nblocks * 16, digest);
    free(fh.digests);
    memcpy(out, digest, (size_t)MIN(len, 20));
    return;
  }
  }
}

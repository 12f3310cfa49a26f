/* --build-id: a digest of the output image (the note's descriptor is zero while it is
 * hashed). Every style hashes 1 MiB blocks in parallel and then the list of block
 * digests (lld's tree hash), so the result is independent of the thread count: "fast"
 * with rivet's own 128-bit hash, sha1, sha256 (as mold) and md5 with OpenSSL's
 * libcrypto, which uses the CPU's SHA instructions where there are some. */
#include "rivet.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

/* libcrypto is loaded when a link asks for one of its digests: linked in, its load and
 * relocation cost every link 2 ms (10% of a small one). */
typedef struct Crypto {
  const EVP_MD *(*sha1)(void);
  const EVP_MD *(*sha256)(void);
  const EVP_MD *(*md5)(void);
  int (*digest)(const void *data, size_t count, unsigned char *md, unsigned int *size,
                const EVP_MD *type, ENGINE *impl);
  int (*md_size)(const EVP_MD *md);
} Crypto;

static Crypto crypto;
static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;

static void load_crypto(void) {
  void *lib = dlopen(RIVET_LIBCRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!lib)
    return;
  crypto.sha1 = (const EVP_MD *(*)(void))dlsym(lib, "EVP_sha1");
  crypto.sha256 = (const EVP_MD *(*)(void))dlsym(lib, "EVP_sha256");
  crypto.md5 = (const EVP_MD *(*)(void))dlsym(lib, "EVP_md5");
  *(void **)&crypto.digest = dlsym(lib, "EVP_Digest");
  *(void **)&crypto.md_size = dlsym(lib, "EVP_MD_get_size");
}

/* The libcrypto digest of a style, NULL for the styles rivet computes itself. */
static const EVP_MD *digest_type(Ctx *ctx, BuildIdKind kind) {
  const char *name = kind == BUILD_ID_SHA1     ? "sha1"
                     : kind == BUILD_ID_SHA256 ? "sha256"
                     : kind == BUILD_ID_MD5    ? "md5"
                                               : NULL;
  if (!name)
    return NULL;
  pthread_once(&crypto_once, load_crypto);
  if (!crypto.sha1 || !crypto.sha256 || !crypto.md5 || !crypto.digest || !crypto.md_size)
    fatal(ctx, "--build-id=%s: cannot load %s: %s", name, RIVET_LIBCRYPTO_SONAME,
          dlerror() ? dlerror() : "a function is missing");
  return kind == BUILD_ID_SHA1 ? crypto.sha1() : kind == BUILD_ID_SHA256 ? crypto.sha256() : crypto.md5();
}

enum { BLOCK = 1 << 20 };

typedef struct BlockHash {
  const u8 *data;
  u64 len;
  const EVP_MD *md; /* NULL: the fast hash */
  u8 *digests;      /* digest_size bytes per block */
  i64 digest_size;
} BlockHash;

static void digest(Ctx *ctx, const EVP_MD *md, const u8 *p, u64 n, u8 *out) {
  if (!crypto.digest(p, (size_t)n, out, NULL, md, NULL))
    fatal(ctx, "--build-id: libcrypto failed to compute a digest");
}

/* Four independent lanes per block, so the multiply chains overlap in the CPU. */
static void fast_hash(const u8 *p, u64 n, u8 out[16]) {
  u64 lane[4] = {0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL, 0x165667b19e3779f9ULL, n};
  u64 k = 0;
  for (; k + 32 <= n; k += 32)
    for (int j = 0; j < 4; j++)
      lane[j] = (lane[j] ^ rd64(p + k + 8 * (u64)j)) * 0x100000001b3ULL + (lane[j] >> 29);
  u64 tail = hash_bytes(p + k, (i64)(n - k));
  u64 d[2] = {hash_bytes((const u8 *)lane, 16) ^ tail,
              hash_bytes((const u8 *)(lane + 2), 16) ^ (tail * 0x9e3779b97f4a7c15ULL)};
  memcpy(out, d, 16);
}

static void hash_block(Ctx *ctx, i64 i, void *arg) {
  BlockHash *bh = arg;
  u64 start = (u64)i * BLOCK;
  u64 n = MIN((u64)BLOCK, bh->len - start);
  u8 *out = bh->digests + i * bh->digest_size;
  if (bh->md)
    digest(ctx, bh->md, bh->data + start, n, out);
  else
    fast_hash(bh->data + start, n, out);
}

void compute_build_id(Ctx *ctx, u8 *out, i64 len) {
  switch (ctx->opt.build_id) {
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
  default:
    break;
  }
  const EVP_MD *md = digest_type(ctx, ctx->opt.build_id);
  u64 size = (u64)ctx->filesize;
  i64 nblocks = (i64)MAX((size + BLOCK - 1) / BLOCK, 1);
  BlockHash bh = {ctx->buf, size, md, NULL, md ? crypto.md_size(md) : 16};
  bh.digests = malloc((size_t)(nblocks * bh.digest_size));
  if (!bh.digests)
    fatal(ctx, "out of memory");
  parallel_for(ctx, nblocks, hash_block, &bh);
  /* The digest of the block digests; for the fast style, two seeds of rivet's hash. */
  u8 final[EVP_MAX_MD_SIZE];
  if (md) {
    digest(ctx, md, bh.digests, (u64)(nblocks * bh.digest_size), final);
  } else {
    u64 n = (u64)(nblocks * bh.digest_size);
    u64 h[2] = {hash_bytes(bh.digests, (i64)n),
                hash_bytes(bh.digests, (i64)n) * 0x9e3779b97f4a7c15ULL};
    fast_hash((const u8 *)h, 16, final);
  }
  free(bh.digests);
  memcpy(out, final, (size_t)MIN(len, md ? (i64)crypto.md_size(md) : 16));
}

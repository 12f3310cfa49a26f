/* Hashing for the symbol table and string merging: 64-bit FNV-1a variant mixed
 * eight bytes at a time. Computed once per name. And the ELF GNU hash of .gnu.hash. */
#include "rivet.h"

static inline u64 mix(u64 h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

u64 hash_bytes(const u8 *p, i64 len) {
  u64 h = 0x9e3779b97f4a7c15ULL ^ (u64)len;
  i64 i = 0;
  for (; i + 8 <= len; i += 8)
    h = (h ^ rd64(p + i)) * 0x100000001b3ULL + (h >> 29);
  u64 tail = 0;
  memcpy(&tail, p + i, (size_t)(len - i));
  h = (h ^ tail) * 0x100000001b3ULL;
  return mix(h);
}

u64 hash_string(const char *s, i64 len) {
  return hash_bytes((const u8 *)s, len);
}

/* 33^k mod 2^32, k = 0..8. */
static const u32 pow33[9] = {1,        33,         1089,       35937,     1185921,
                             39135393, 1291467969, 3963737313, 1954312449};

/* The GNU hash (h = h * 33 + c, from 5381) of len bytes. Byte by byte it is one chain
 * of multiply-adds; eight bytes at a time it is h * 33^8 plus each byte times its power
 * of 33, eight products independent of each other (the same value mod 2^32). */
u32 gnu_hash_bytes(const u8 *p, i64 len) {
  u32 h = 5381;
  i64 i = 0;
  for (; i + 8 <= len; i += 8)
    h = h * pow33[8] + p[i] * pow33[7] + p[i + 1] * pow33[6] + p[i + 2] * pow33[5] +
        p[i + 3] * pow33[4] + p[i + 4] * pow33[3] + p[i + 5] * pow33[2] + p[i + 6] * pow33[1] +
        p[i + 7];
  for (; i < len; i++)
    h = h * 33 + p[i];
  return h;
}

/* Hashing for the symbol table and string merging: 64-bit FNV-1a variant mixed
 * eight bytes at a time. Computed once per name. */
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

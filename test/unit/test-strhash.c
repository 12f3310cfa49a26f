/* gnu_hash_bytes: the eight-bytes-at-a-time GNU hash against the byte-by-byte
 * definition (ELF gABI extension, .gnu.hash), at every length around the eight-byte
 * steps and with bytes above 0x7f, plus values readelf and glibc agree on. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "rivet.h"

static u32 reference_gnu_hash(const u8 *p, i64 len) {
  u32 h = 5381;
  for (i64 i = 0; i < len; i++)
    h = h * 33 + p[i];
  return h;
}

Test(gnu_hash, known_values) {
  cr_assert_eq(gnu_hash_bytes((const u8 *)"", 0), 0x1505u);
  cr_assert_eq(gnu_hash_bytes((const u8 *)"printf", 6), 0x156b2bb8u);
  cr_assert_eq(gnu_hash_bytes((const u8 *)"exit", 4), 0x7c967e3fu);
  const char *mangled = "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEED1Ev";
  cr_assert_eq(gnu_hash_bytes((const u8 *)mangled, (i64)strlen(mangled)), 0xf04b34ccu);
}

Test(gnu_hash, every_length_and_byte_value) {
  u8 buf[300];
  srand(7);
  for (int round = 0; round < 50; round++) {
    for (size_t i = 0; i < sizeof buf; i++)
      buf[i] = (u8)(rand() & 0xff); /* bytes above 0x7f count as unsigned */
    for (i64 len = 0; len <= (i64)sizeof buf; len++)
      cr_assert_eq(gnu_hash_bytes(buf, len), reference_gnu_hash(buf, len), "length %ld, round %d",
                   (long)len, round);
  }
}

Test(gnu_hash, only_the_given_bytes) {
  const u8 s[] = "abcdefghijklmnopq@VERSION";
  cr_assert_eq(gnu_hash_bytes(s, 17), reference_gnu_hash((const u8 *)"abcdefghijklmnopq", 17));
  cr_assert_neq(gnu_hash_bytes(s, 17), gnu_hash_bytes(s, 18));
}

/* relr_encode: round trip against a decoder written here, the 63-word window edges,
 * and minimality (no address word that the previous bitmap could have covered). */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "rivet.h"

static i64 decode(const u64 *words, i64 n, u64 *out) {
  i64 k = 0;
  u64 base = 0;
  for (i64 i = 0; i < n; i++) {
    u64 w = words[i];
    if ((w & 1) == 0) {
      out[k++] = w;
      base = w + 8;
    } else {
      for (int bit = 1; bit < 64; bit++)
        if (w & ((u64)1 << bit))
          out[k++] = base + (u64)(bit - 1) * 8;
      base += 63 * 8;
    }
  }
  return k;
}

static void round_trip(const u64 *addrs, i64 n) {
  i64 words = relr_encode(addrs, n, NULL);
  u64 *enc = calloc((size_t)words + 1, 8);
  cr_assert_eq(relr_encode(addrs, n, enc), words, "the counting and writing passes must agree");
  u64 *dec = calloc((size_t)n + 64, 8);
  i64 m = decode(enc, words, dec);
  cr_assert_eq(m, n, "expected %ld decoded addresses, got %ld", (long)n, (long)m);
  for (i64 i = 0; i < n; i++)
    cr_assert_eq(dec[i], addrs[i], "address %ld: expected 0x%lx, decoded 0x%lx", (long)i,
                 (unsigned long)addrs[i], (unsigned long)dec[i]);
  /* Minimal: an address word is only needed when the last bitmap window ends before it. */
  u64 base = 0;
  bool have_base = false;
  for (i64 i = 0; i < words; i++) {
    if ((enc[i] & 1) == 0) {
      cr_assert(!have_base || enc[i] >= base + 63 * 8 || enc[i] < base,
                "word %ld: address 0x%lx could have been a bit of the bitmap at base 0x%lx",
                (long)i, (unsigned long)enc[i], (unsigned long)base);
      base = enc[i] + 8;
      have_base = true;
    } else {
      cr_assert_neq(enc[i], 1, "word %ld: an empty bitmap is never needed", (long)i);
      base += 63 * 8;
    }
  }
  free(enc);
  free(dec);
}

Test(relr, single_address) {
  u64 a[] = {0x1000};
  round_trip(a, 1);
  cr_assert_eq(relr_encode(a, 1, NULL), 1, "one address is one word");
}

Test(relr, dense_run_of_64_words) {
  u64 a[64];
  for (int i = 0; i < 64; i++)
    a[i] = 0x2000 + 8 * (u64)i;
  round_trip(a, 64);
  cr_assert_eq(relr_encode(a, 64, NULL), 2, "an address and one full bitmap cover 64 words");
}

Test(relr, gap_of_exactly_63_words_fits_the_bitmap) {
  u64 a[] = {0x3000, 0x3000 + 63 * 8};
  round_trip(a, 2);
  cr_assert_eq(relr_encode(a, 2, NULL), 2,
               "the 63rd word after the address is the last bit of the bitmap");
}

Test(relr, gap_of_64_words_needs_a_new_address) {
  u64 a[] = {0x3000, 0x3000 + 64 * 8};
  round_trip(a, 2);
  cr_assert_eq(relr_encode(a, 2, NULL), 2,
               "64 words on is past the first bitmap: a second address word (not an empty bitmap)");
}

Test(relr, second_window_after_a_full_bitmap) {
  u64 a[] = {0x3000, 0x3008, 0x3000 + 65 * 8};
  round_trip(a, 3);
  cr_assert_eq(relr_encode(a, 3, NULL), 3, "address, bitmap for word 1, bitmap for word 65");
}

Test(relr, far_gap_restarts_with_an_address) {
  u64 a[] = {0x3000, 0x3008, 0x900000};
  round_trip(a, 3);
  cr_assert_eq(relr_encode(a, 3, NULL), 3, "address, bitmap, address");
}

Test(relr, random_sets) {
  srand(42);
  for (int round = 0; round < 200; round++) {
    i64 n = 1 + rand() % 2000;
    u64 *a = malloc(sizeof(u64) * (size_t)n);
    u64 addr = 0x10000 + (u64)(rand() % 64) * 8;
    for (i64 i = 0; i < n; i++) {
      a[i] = addr;
      int r = rand() % 100;
      addr += 8 * (u64)(r < 70 ? 1 : r < 90 ? 1 + rand() % 70 : 1 + rand() % 5000);
    }
    round_trip(a, n);
    free(a);
  }
}

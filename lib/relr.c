/* SHT_RELR (-z pack-relative-relocs): relative relocations at word-aligned places,
 * packed as a list of words. An even word is an address A: relocate A, and the
 * bitmap that follows covers the 63 words after A. An odd word is a bitmap: bit i
 * (1..63) relocates base + (i-1) words, and the base then moves on by 63 words.
 * The addend stays in the place (implicit addend), as in REL.
 *
 * The encoding's size depends on the addresses, and the addresses on every size before
 * them, so layout runs to a fixed point. The reservation only grows (a smaller
 * encoding is padded with empty bitmaps, the word 1), so the loop cannot oscillate. */
#include "arch.h"
#include "rivet.h"

#include <stdlib.h>

/* Number of words the encoding of sorted, distinct, word-aligned addresses takes. */
i64 relr_encode(const u64 *addrs, i64 n, u64 *out) {
  i64 words = 0;
  const u64 word = 8, bits = 63;
  for (i64 i = 0; i < n;) {
    if (out)
      out[words] = addrs[i];
    words++;
    u64 base = addrs[i] + word;
    i++;
    for (;;) {
      u64 bitmap = 0;
      while (i < n && addrs[i] >= base && addrs[i] < base + bits * word) {
        bitmap |= (u64)1 << ((addrs[i] - base) / word);
        i++;
      }
      if (!bitmap)
        break;
      if (out)
        out[words] = (bitmap << 1) | 1;
      words++;
      base += bits * word;
    }
  }
  return words;
}

static int compare_u64(const void *a, const void *b) {
  u64 x = *(const u64 *)a, y = *(const u64 *)b;
  return (x > y) - (x < y);
}

/* Which RELATIVE relocations go to .relr.dyn: decided before layout from the place's
 * alignment within an output section aligned to at least a word, so the choice does
 * not change with addresses. */
void select_relr_candidates(Ctx *ctx) {
  if (!ctx->relr)
    return;
  i64 moved = 0;
  for (i64 i = 0; i < ctx->dynrels.len; i++) {
    DynRel *r = &ctx->dynrels.data[i];
    if (r->type != ctx->arch->r_relative)
      continue;
    InputSection *isec = r->from_isec ? r->where : NULL;
    Chunk *c = isec ? isec->osec : r->where;
    u64 off = isec ? isec->offset + isec->rels[r->pos].r_offset : r->pos;
    if (isec && (isec->pieces || isec->eh_records))
      continue;
    if (c->shdr.sh_addralign < 8 || off % 8 || (c->shdr.sh_flags & SHF_EXECINSTR))
      continue;
    r->in_relr = true;
    moved++;
  }
  ctx->nrelative -= moved;
  ctx->nrelr = moved;
  ctx->relr->nentries = moved; /* emitted iff something is packed, whatever its size */
}

/* Sorted places of the packed relocations, with the current addresses. */
static u64 *relr_places(Ctx *ctx, i64 *n) {
  u64 *a = malloc(sizeof(u64) * (size_t)MAX(ctx->nrelr, 1));
  i64 k = 0;
  for (i64 i = 0; i < ctx->dynrels.len; i++)
    if (ctx->dynrels.data[i].in_relr)
      a[k++] = dynrel_place(ctx, &ctx->dynrels.data[i]);
  qsort(a, (size_t)k, sizeof(u64), compare_u64);
  i64 m = 0;
  for (i64 i = 0; i < k; i++)
    if (m == 0 || a[m - 1] != a[i])
      a[m++] = a[i];
  *n = m;
  return a;
}

/* Returns true when the reservation had to grow (layout must run again). */
bool update_relr_size(Ctx *ctx) {
  if (!ctx->relr)
    return false;
  i64 n;
  u64 *a = relr_places(ctx, &n);
  u64 size = (u64)relr_encode(a, n, NULL) * 8;
  free(a);
  if (size <= ctx->relr->shdr.sh_size)
    return false;
  ctx->relr->shdr.sh_size = size;
  return true;
}

void write_relr(Ctx *ctx) {
  if (!ctx->relr || !ctx->relr->shndx)
    return;
  i64 n;
  u64 *a = relr_places(ctx, &n);
  u64 *out = (u64 *)(ctx->buf + ctx->relr->shdr.sh_offset);
  i64 words = relr_encode(a, n, out);
  /* Pad to the reserved size with empty bitmaps. */
  for (i64 i = words; i < (i64)(ctx->relr->shdr.sh_size / 8); i++)
    out[i] = 1;
  free(a);
}

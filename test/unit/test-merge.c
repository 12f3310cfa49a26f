/* SHF_MERGE sections: split_mergeable_sections() cuts each mergeable section into
 * pieces (NUL-terminated strings of sh_entsize-wide characters with SHF_STRINGS, else
 * sh_entsize-byte constants), keeps one slot per distinct piece in a CK_MERGED chunk per
 * (output name, flags, entsize), and layout_merged_chunk() places the slots in
 * first-seen order, each aligned as the most demanding of its occurrences requires.
 * merge_piece_offset() maps an input offset to the chunk offset of its piece's copy. */
#include "unit-helpers.h"

#include <stdlib.h>

enum { STR_FLAGS = SHF_ALLOC | SHF_MERGE | SHF_STRINGS, CONST_FLAGS = SHF_ALLOC | SHF_MERGE };

/* One object file holding one mergeable section at index 1. */
static InputSection *merge_input(Ctx *ctx, const char *file, const char *name, u64 flags,
                                 u64 entsize, u8 p2align, const void *data, u64 size) {
  InputFile *f = fake_file(ctx, file, 2, 0);
  return fake_section(ctx, f, 1, name, SHT_PROGBITS, flags, entsize, p2align, data, size);
}

static i64 count_merged(Ctx *ctx) {
  i64 n = 0;
  for (i64 i = 0; i < ctx->chunks.len; i++)
    n += ctx->chunks.data[i]->kind == CK_MERGED;
  return n;
}

static Chunk *merged_chunk(Ctx *ctx, i64 nth) {
  i64 seen = 0;
  for (i64 i = 0; i < ctx->chunks.len; i++)
    if (ctx->chunks.data[i]->kind == CK_MERGED && seen++ == nth)
      return ctx->chunks.data[i];
  cr_assert_fail("expected at least %lld CK_MERGED chunks, found %lld", (long long)nth + 1,
                 (long long)seen);
  return NULL;
}

static u64 offset_of(const InputSection *isec, u64 in_offset) {
  u64 out = ~0ULL;
  cr_assert(merge_piece_offset(isec, in_offset, &out), "expected %s+%llu to map into a piece",
            isec->file->name, (unsigned long long)in_offset);
  return out;
}

static void expect_offset(const InputSection *isec, u64 in_offset, u64 want) {
  u64 got = offset_of(isec, in_offset);
  cr_assert_eq(got, want, "expected %s+%llu to map to chunk offset %llu, got %llu",
               isec->file->name, (unsigned long long)in_offset, (unsigned long long)want,
               (unsigned long long)got);
}

static void split_ok(Ctx *ctx) {
  split_mergeable_sections(ctx);
  cr_assert_eq(ctx->nerrors, 0, "expected no errors, got: %s", all_errors(ctx));
}

Test(merge, duplicate_strings_share_one_slot) {
  Ctx *ctx = new_test_ctx();
  static const char a[] = "hello\0world";      /* 12 bytes with the final NUL */
  static const char b[] = "world\0hello\0abc"; /* 16 bytes */
  InputSection *sa = merge_input(ctx, "a.o", ".rodata.str1.1", STR_FLAGS, 1, 0, a, sizeof(a));
  InputSection *sb = merge_input(ctx, "b.o", ".rodata.str1.1", STR_FLAGS, 1, 0, b, sizeof(b));
  split_ok(ctx);

  cr_assert_eq(count_merged(ctx), 1, "expected one merged chunk for one (name, flags, entsize)");
  Chunk *c = merged_chunk(ctx, 0);
  cr_assert_str_eq(c->name, ".rodata", "expected .rodata.str1.1 to merge into .rodata");
  cr_assert_eq(c->shdr.sh_flags, (u64)STR_FLAGS, "expected ALLOC|MERGE|STRINGS on the chunk");
  cr_assert_eq(c->shdr.sh_entsize, 1, "expected sh_entsize 1");
  cr_assert_eq(c->slots.len, 3, "expected 3 distinct strings, got %lld slots",
               (long long)c->slots.len);
  cr_assert_eq(sa->osec, c, "expected a.o's section to be placed in the merged chunk");
  cr_assert_eq(sb->osec, c, "expected b.o's section to be placed in the merged chunk");
  cr_assert_eq(sa->npieces, 2, "expected 2 pieces in a.o, got %lld", (long long)sa->npieces);
  cr_assert_eq(sb->npieces, 3, "expected 3 pieces in b.o, got %lld", (long long)sb->npieces);
  cr_assert_eq(sa->pieces[1].in_offset, 6, "expected the second piece at input offset 6");
  cr_assert_eq(sa->pieces[1].size, 6, "expected \"world\\0\" to be 6 bytes with its NUL");
  cr_assert_eq(sb->pieces[1].slot, sa->pieces[0].slot, "expected both \"hello\" to share a slot");
  cr_assert_eq(sb->pieces[0].slot, sa->pieces[1].slot, "expected both \"world\" to share a slot");
  cr_assert_eq(c->slots.data[0]->data, (const u8 *)a,
               "expected the slot to keep the first occurrence's bytes");

  layout_merged_chunk(c);
  /* First-seen order: hello@0 world@6 abc@12, 16 bytes. */
  cr_assert_eq(c->shdr.sh_size, 16, "expected 16 bytes (6+6+4), got %llu",
               (unsigned long long)c->shdr.sh_size);
  cr_assert_eq(c->shdr.sh_addralign, 1, "expected alignment 1");
  expect_offset(sa, 0, 0);
  expect_offset(sa, 6, 6);
  expect_offset(sb, 0, 6);
  expect_offset(sb, 6, 0);
  expect_offset(sb, 12, 12);
}

Test(merge, offsets_inside_pieces_and_one_past_the_end) {
  Ctx *ctx = new_test_ctx();
  static const char a[] = "xyz\0hello"; /* 10 bytes */
  static const char b[] = "hello\0abc"; /* 10 bytes */
  InputSection *sa = merge_input(ctx, "a.o", ".rodata.str1.1", STR_FLAGS, 1, 0, a, sizeof(a));
  InputSection *sb = merge_input(ctx, "b.o", ".rodata.str1.1", STR_FLAGS, 1, 0, b, sizeof(b));
  split_ok(ctx);
  Chunk *c = merged_chunk(ctx, 0);
  layout_merged_chunk(c);
  /* Slots: xyz@0 (4), hello@4 (6), abc@10 (4). */
  expect_offset(sb, 2, 6);   /* "llo" of b's hello is "llo" of the kept hello */
  expect_offset(sb, 5, 9);   /* hello's NUL */
  expect_offset(sb, 8, 12);  /* the 'c' of abc */
  expect_offset(sa, 7, 7);   /* mid-string in a's hello */
  expect_offset(sb, 10, 14); /* one past the end of b: one past its last piece */
  expect_offset(sa, 10, 10); /* one past the end of a: one past hello's slot */
  u64 out = 12345;
  cr_assert_not(merge_piece_offset(sb, 11, &out), "expected offset 11 (beyond the end) not to map");
  cr_assert_eq(out, 12345, "expected a failed lookup to leave *out alone");
}

Test(merge, empty_strings_merge) {
  Ctx *ctx = new_test_ctx();
  static const char a[] = {0, 'a', 0, 0};
  InputSection *sa = merge_input(ctx, "a.o", ".rodata.str1.1", STR_FLAGS, 1, 0, a, sizeof(a));
  split_ok(ctx);
  Chunk *c = merged_chunk(ctx, 0);
  cr_assert_eq(sa->npieces, 3, "expected pieces \"\", \"a\", \"\"; got %lld",
               (long long)sa->npieces);
  cr_assert_eq(c->slots.len, 2, "expected the two empty strings to share a slot");
  layout_merged_chunk(c);
  expect_offset(sa, 3, 0);
  cr_assert_eq(c->shdr.sh_size, 3, "expected 3 bytes");
}

Test(merge, unterminated_string_is_an_error) {
  Ctx *ctx = new_test_ctx();
  static const char a[] = {'o', 'k', 0, 'b', 'a', 'd'};
  merge_input(ctx, "bad.o", ".rodata.str1.1", STR_FLAGS, 1, 0, a, sizeof(a));
  split_mergeable_sections(ctx);
  cr_assert_eq(ctx->nerrors, 1, "expected one error, got: %s", all_errors(ctx));
  cr_assert(has_error(ctx, "bad.o") && has_error(ctx, ".rodata.str1.1") &&
                has_error(ctx, "string is not terminated"),
            "expected 'bad.o: section .rodata.str1.1: string is not terminated', got: %s",
            all_errors(ctx));
}

Test(merge, wide_strings_end_at_a_zero_character) {
  /* sh_entsize 2: a string ends at an all-zero 2-byte unit; a zero byte inside a unit
   * ('a',0) does not end it. */
  Ctx *ctx = new_test_ctx();
  static const u8 a[] = {'a', 0, 'b', 0, 0, 0, 'a', 0, 0, 0};
  static const u8 b[] = {'a', 0, 0, 0};
  InputSection *sa = merge_input(ctx, "a.o", ".rodata.str2.2", STR_FLAGS, 2, 1, a, sizeof(a));
  InputSection *sb = merge_input(ctx, "b.o", ".rodata.str2.2", STR_FLAGS, 2, 1, b, sizeof(b));
  split_ok(ctx);
  cr_assert_eq(sa->npieces, 2, "expected 2 wide strings in a.o, got %lld", (long long)sa->npieces);
  cr_assert_eq(sa->pieces[0].size, 6, "expected \"ab\" as 6 bytes, got %u", sa->pieces[0].size);
  cr_assert_eq(sb->pieces[0].slot, sa->pieces[1].slot, "expected the two L\"a\" to share a slot");
  Chunk *c = merged_chunk(ctx, 0);
  cr_assert_eq(c->shdr.sh_entsize, 2, "expected entsize 2 on the chunk");
  layout_merged_chunk(c);
  expect_offset(sb, 0, 6);
  cr_assert_eq(c->shdr.sh_size, 10, "expected 10 bytes");
}

Test(merge, wide_string_cut_mid_character_is_an_error) {
  Ctx *ctx = new_test_ctx();
  static const u8 a[] = {'a', 0, 0};
  merge_input(ctx, "odd.o", ".rodata.str2.2", STR_FLAGS, 2, 1, a, sizeof(a));
  split_mergeable_sections(ctx);
  cr_assert(has_error(ctx, "string is not terminated"),
            "expected an unterminated-string error for a 3-byte entsize-2 section, got: %s",
            all_errors(ctx));
}

Test(merge, fixed_size_constants_deduplicate) {
  Ctx *ctx = new_test_ctx();
  static const u32 a[] = {1, 2, 1, 3};
  static const u32 b[] = {3, 2};
  InputSection *sa = merge_input(ctx, "a.o", ".rodata.cst4", CONST_FLAGS, 4, 2, a, sizeof(a));
  InputSection *sb = merge_input(ctx, "b.o", ".rodata.cst4", CONST_FLAGS, 4, 2, b, sizeof(b));
  split_ok(ctx);
  Chunk *c = merged_chunk(ctx, 0);
  cr_assert_eq(c->shdr.sh_flags, (u64)CONST_FLAGS, "expected ALLOC|MERGE without STRINGS");
  cr_assert_eq(c->shdr.sh_entsize, 4, "expected entsize 4");
  cr_assert_eq(sa->npieces, 4, "expected one piece per constant");
  cr_assert_eq(c->slots.len, 3, "expected constants 1, 2, 3 once each, got %lld slots",
               (long long)c->slots.len);
  layout_merged_chunk(c);
  cr_assert_eq(c->shdr.sh_size, 12, "expected 12 bytes, got %llu",
               (unsigned long long)c->shdr.sh_size);
  cr_assert_eq(c->shdr.sh_addralign, 4, "expected alignment 4");
  expect_offset(sa, 8, 0);  /* the second 1 */
  expect_offset(sa, 12, 8); /* one past the end: past the 3 */
  expect_offset(sb, 0, 8);
  expect_offset(sb, 4, 4);
  expect_offset(sb, 6, 6); /* middle of the 2 */
}

Test(merge, fixed_size_eight_byte_constants) {
  Ctx *ctx = new_test_ctx();
  static const u64 a[] = {0x1122334455667788ULL, 0x1122334455667788ULL, 42};
  InputSection *sa = merge_input(ctx, "a.o", ".rodata.cst8", CONST_FLAGS, 8, 3, a, sizeof(a));
  split_ok(ctx);
  Chunk *c = merged_chunk(ctx, 0);
  layout_merged_chunk(c);
  cr_assert_eq(c->slots.len, 2, "expected 2 distinct constants");
  cr_assert_eq(c->shdr.sh_size, 16, "expected 16 bytes");
  cr_assert_eq(c->shdr.sh_addralign, 8, "expected alignment 8");
  expect_offset(sa, 8, 0);
  expect_offset(sa, 16, 8);
}

Test(merge, constants_not_a_multiple_of_entsize) {
  Ctx *ctx = new_test_ctx();
  static const u8 a[12] = {0};
  merge_input(ctx, "odd.o", ".rodata.cst8", CONST_FLAGS, 8, 3, a, sizeof(a));
  split_mergeable_sections(ctx);
  cr_assert_eq(ctx->nerrors, 1, "expected one error, got: %s", all_errors(ctx));
  cr_assert(has_error(ctx, "not a multiple of the entry size"),
            "expected 'size is not a multiple of the entry size', got: %s", all_errors(ctx));
}

Test(merge, string_alignment_is_respected) {
  /* a.o (align 1): "q","ab"; b.o (align 8): "ab". The kept "ab" must be 8-aligned,
   * since b.o's code may rely on it. */
  Ctx *ctx = new_test_ctx();
  static const char a[] = "q\0ab";
  static const char b[] = "ab";
  InputSection *sa = merge_input(ctx, "a.o", ".rodata.str1.1", STR_FLAGS, 1, 0, a, sizeof(a));
  InputSection *sb = merge_input(ctx, "b.o", ".rodata.str1.1", STR_FLAGS, 1, 3, b, sizeof(b));
  split_ok(ctx);
  Chunk *c = merged_chunk(ctx, 0);
  layout_merged_chunk(c);
  u64 ab = offset_of(sb, 0);
  cr_assert_eq(ab % 8, 0, "expected \"ab\" 8-aligned, got offset %llu", (unsigned long long)ab);
  cr_assert_eq(ab, 8, "expected \"ab\" at the first 8-aligned offset after \"q\", got %llu",
               (unsigned long long)ab);
  expect_offset(sa, 2, 8);
  cr_assert_eq(c->shdr.sh_addralign, 8, "expected the chunk aligned to 8");
  cr_assert_eq(c->shdr.sh_size, 11, "expected 11 bytes (q, pad to 8, ab)");
}

Test(merge, later_strings_keep_their_offset_alignment) {
  /* In a 16-aligned section, a string at input offset 4 was only 4-aligned; at offset
   * 8, 8-aligned. The first string has the full 16. */
  Ctx *ctx = new_test_ctx();
  static const char pre[] = "z";               /* 2 bytes, align 1: goes first */
  static const char a[] = "abc\0def\0ghijklm"; /* 16 bytes, align 16 */
  merge_input(ctx, "pre.o", ".rodata.str1.1", STR_FLAGS, 1, 0, pre, sizeof(pre));
  InputSection *sa = merge_input(ctx, "a.o", ".rodata.str1.1", STR_FLAGS, 1, 4, a, sizeof(a));
  split_ok(ctx);
  Chunk *c = merged_chunk(ctx, 0);
  layout_merged_chunk(c);
  u64 abc = offset_of(sa, 0), def = offset_of(sa, 4), ghi = offset_of(sa, 8);
  cr_assert_eq(abc % 16, 0, "expected the first string 16-aligned, got %llu",
               (unsigned long long)abc);
  cr_assert_eq(def % 4, 0, "expected the string from offset 4 to stay 4-aligned, got %llu",
               (unsigned long long)def);
  cr_assert_eq(ghi % 8, 0, "expected the string from offset 8 to stay 8-aligned, got %llu",
               (unsigned long long)ghi);
  cr_assert_eq(c->shdr.sh_addralign, 16, "expected chunk alignment 16");
}

Test(merge, constant_alignment_is_respected) {
  /* a.o (align 4): {7}; b.o (align 16, entsize 4): {9, 7}. 9 keeps b.o's 16. */
  Ctx *ctx = new_test_ctx();
  static const u32 a[] = {7};
  static const u32 b[] = {9, 7};
  InputSection *sa = merge_input(ctx, "a.o", ".rodata.cst4", CONST_FLAGS, 4, 2, a, sizeof(a));
  InputSection *sb = merge_input(ctx, "b.o", ".rodata.cst4", CONST_FLAGS, 4, 4, b, sizeof(b));
  split_ok(ctx);
  Chunk *c = merged_chunk(ctx, 0);
  layout_merged_chunk(c);
  expect_offset(sa, 0, 0);
  expect_offset(sb, 0, 16);
  expect_offset(sb, 4, 0);
  cr_assert_eq(c->shdr.sh_size, 20, "expected 20 bytes");
  cr_assert_eq(c->shdr.sh_addralign, 16, "expected chunk alignment 16");
}

Test(merge, chunks_are_keyed_by_name_flags_and_entsize) {
  Ctx *ctx = new_test_ctx();
  static const char s[] = "same";
  static const u32 k[] = {0x656d6173}; /* "same" as a constant */
  InputSection *s1 = merge_input(ctx, "a.o", ".rodata.str1.1", STR_FLAGS, 1, 0, s, sizeof(s));
  InputSection *s2 = merge_input(ctx, "b.o", ".rodata.str1.8", STR_FLAGS, 1, 3, s, sizeof(s));
  InputSection *c4 = merge_input(ctx, "c.o", ".rodata.cst4", CONST_FLAGS, 4, 2, k, sizeof(k));
  InputSection *dbg =
      merge_input(ctx, "d.o", ".debug_str", SHF_MERGE | SHF_STRINGS, 1, 0, s, sizeof(s));
  InputSection *cmt =
      merge_input(ctx, "e.o", ".comment", SHF_MERGE | SHF_STRINGS, 1, 0, s, sizeof(s));
  static const char plain[] = "not merged";
  InputSection *pl = merge_input(ctx, "f.o", ".rodata", SHF_ALLOC, 0, 0, plain, sizeof(plain));
  InputSection *dead = merge_input(ctx, "g.o", ".rodata.str1.1", STR_FLAGS, 1, 0, s, sizeof(s));
  dead->is_alive = false;
  split_ok(ctx);
  cr_assert_eq(count_merged(ctx), 3,
               "expected 3 merged chunks (.rodata strings, .rodata cst4, "
               ".debug_str), got %lld",
               (long long)count_merged(ctx));
  cr_assert_eq(s1->osec, s2->osec,
               "expected str1.1 and str1.8 in one chunk (same name, flags, entsize)");
  cr_assert_neq(c4->osec, s1->osec,
                "expected entsize-4 constants in a different chunk from strings");
  cr_assert_not_null(dbg->osec, "expected .debug_str to be merged");
  cr_assert_str_eq(dbg->osec->name, ".debug_str", "expected a non-alloc section to keep its name");
  cr_assert_eq(s1->pieces[0].slot, s2->pieces[0].slot, "expected \"same\" once in .rodata");
  cr_assert_null(cmt->osec, "expected .comment left alone when the linker has no .comment chunk");
  cr_assert_null(pl->pieces, "expected a non-SHF_MERGE section not to be split");
  cr_assert_null(pl->osec, "expected a non-SHF_MERGE section not to be placed here");
  cr_assert_null(dead->pieces, "expected a dead section not to be split");
}

Test(merge, comment_pieces_go_to_the_comment_chunk) {
  Ctx *ctx = new_test_ctx();
  create_early_chunks(ctx);
  static const char a[] = "GCC: (Debian 12.2.0-14) 12.2.0";
  InputSection *c1 =
      merge_input(ctx, "a.o", ".comment", SHF_MERGE | SHF_STRINGS, 1, 0, a, sizeof(a));
  InputSection *c2 =
      merge_input(ctx, "b.o", ".comment", SHF_MERGE | SHF_STRINGS, 1, 0, a, sizeof(a));
  split_ok(ctx);
  cr_assert_eq(c1->osec, ctx->comment, "expected .comment pieces in ctx->comment");
  cr_assert_eq(c2->osec, ctx->comment, "expected .comment pieces in ctx->comment");
  cr_assert_eq(ctx->comment->slots.len, 1, "expected the identical compiler strings merged");
  cr_assert_eq(count_merged(ctx), 0, "expected no separate CK_MERGED chunk for .comment");
}

Test(merge, many_strings_survive_table_growth) {
  /* Enough distinct strings to make the slot table grow several times. */
  Ctx *ctx = new_test_ctx();
  enum { N = 20000 };
  char *a = malloc(N * 8);
  i64 len = 0;
  for (int i = 0; i < N; i++)
    len += sprintf(a + len, "s%05d", i) + 1; /* 7 bytes each with the NUL */
  char *b = malloc((size_t)len);
  for (int i = 0; i < N; i++) /* the same strings in reverse order */
    memcpy(b + (i64)i * 7, a + (i64)(N - 1 - i) * 7, 7);
  InputSection *sa = merge_input(ctx, "a.o", ".rodata.str1.1", STR_FLAGS, 1, 0, a, (u64)len);
  InputSection *sb = merge_input(ctx, "b.o", ".rodata.str1.1", STR_FLAGS, 1, 0, b, (u64)len);
  split_ok(ctx);
  Chunk *c = merged_chunk(ctx, 0);
  cr_assert_eq(c->slots.len, N, "expected %d distinct strings, got %lld", N,
               (long long)c->slots.len);
  layout_merged_chunk(c);
  cr_assert_eq(c->shdr.sh_size, (u64)len, "expected no growth from duplicates");
  for (int i = 0; i < N; i += 997) {
    u64 in_b = (u64)(N - 1 - i) * 7;
    u64 want = (u64)i * 7;
    cr_assert_eq(offset_of(sb, in_b + 3), want + 3, "expected b's copy of s%05d at %llu", i,
                 (unsigned long long)(want + 3));
    cr_assert_eq(offset_of(sa, want), want, "expected a's s%05d in place", i);
  }
}

Test(merge, every_offset_maps_into_its_own_piece) {
  /* Distinct strings of uneven lengths, in sections of 1 to 9 pieces and of 1001: every
   * byte, and one past the end, maps to the same offset of the merged copy (one file,
   * nothing shared, so the copy is laid out as the input is). */
  static const i64 counts[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1001};
  for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
    Ctx *ctx = new_test_ctx();
    char *a = malloc((size_t)counts[k] * 48);
    i64 len = 0;
    for (i64 i = 0; i < counts[k]; i++) {
      len += sprintf(a + len, "%lld%.*s", (long long)i, (int)(i * 7 % 37), "abcdefghijklmnopqrstuvwxyz0123456789") + 1;
    }
    InputSection *sa = merge_input(ctx, "a.o", ".rodata.str1.1", STR_FLAGS, 1, 0, a, (u64)len);
    split_ok(ctx);
    cr_assert_eq(sa->npieces, counts[k], "expected %lld pieces, got %lld", (long long)counts[k],
                 (long long)sa->npieces);
    layout_merged_chunk(merged_chunk(ctx, 0));
    for (i64 o = 0; o <= len; o++)
      expect_offset(sa, (u64)o, (u64)o);
    u64 out;
    cr_assert_not(merge_piece_offset(sa, (u64)len + 1, &out),
                  "expected offset %lld (past the end) not to map", (long long)len + 1);
    free(a);
  }
}

/* read_archive(): ar archives written byte by byte here, the way GNU ar lays them out:
 * "!<arch>\n", 60-byte member headers (name[16] date[12] uid[6] gid[6] mode[8] size[10]
 * "`\n"), bodies padded to an even offset, the GNU "/" symbol index (big-endian u32
 * count, count u32 member-header offsets, then NUL-terminated names), "/SYM64/" (the
 * same with u64), the "//" long-name table ("name/\n" entries, referenced as "/OFF"),
 * BSD "#1/LEN" names, and thin archives ("!<thin>\n") whose members are files named
 * relative to the archive's directory. Malformed input must give an error, not a crash. */
#include "unit-helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

typedef VEC(u8) Buf;

static void put(Buf *b, const void *p, i64 n) {
  for (i64 i = 0; i < n; i++)
    vec_push(b, ((const u8 *)p)[i]);
}

static void put_str(Buf *b, const char *s) {
  put(b, s, (i64)strlen(s));
}

/* A member header with a raw size field (so tests can write bad ones). */
static i64 put_header_raw(Buf *b, const char *name, const char *size_field) {
  i64 off = b->len;
  char h[60];
  memset(h, ' ', sizeof(h));
  memcpy(h, name, MIN(strlen(name), 16));
  h[16] = h[28] = h[34] = '0';
  memcpy(h + 40, "644", 3);
  memcpy(h + 48, size_field, MIN(strlen(size_field), 10));
  memcpy(h + 58, "`\n", 2);
  put(b, h, 60);
  return off;
}

static i64 put_header(Buf *b, const char *name, i64 size) {
  char sz[24];
  snprintf(sz, sizeof(sz), "%lld", (long long)size);
  return put_header_raw(b, name, sz);
}

static void pad_even(Buf *b) {
  if (b->len & 1)
    vec_push(b, '\n');
}

/* Header + body + padding; returns the header offset. */
static i64 put_member(Buf *b, const char *name, const void *data, i64 size) {
  i64 off = put_header(b, name, size);
  put(b, data, size);
  pad_even(b);
  return off;
}

static void put_be(Buf *b, u64 v, int word) {
  for (int i = word - 1; i >= 0; i--)
    vec_push(b, (u8)(v >> (8 * i)));
}

static void patch_be(Buf *b, i64 at, u64 v, int word) {
  for (int i = 0; i < word; i++)
    b->data[at + i] = (u8)(v >> (8 * (word - 1 - i)));
}

/* A symbol index member named hdr_name with n symbols; returns where the offset array
 * starts so that the caller can patch member offsets once they are known. */
static i64 put_index(Buf *b, const char *hdr_name, int word, const char *const *names, int n) {
  i64 names_size = 0;
  for (int i = 0; i < n; i++)
    names_size += (i64)strlen(names[i]) + 1;
  put_header(b, hdr_name, word * (n + 1) + names_size);
  put_be(b, (u64)n, word);
  i64 offsets_at = b->len;
  for (int i = 0; i < n; i++)
    put_be(b, 0, word);
  for (int i = 0; i < n; i++)
    put(b, names[i], (i64)strlen(names[i]) + 1);
  pad_even(b);
  return offsets_at;
}

typedef struct Archive {
  Ctx *ctx;
  ArchiveMemberVec members;
  ArchiveIndexVec index;
  bool ok;
} Archive;

static Archive read_buf(Buf *b, const char *path) {
  Archive a = {.ctx = new_test_ctx()};
  MappedFile *mf = mem_file(a.ctx, path, b->data, b->len);
  a.ok = read_archive(a.ctx, mf, &a.members, &a.index);
  return a;
}

/* A malformed archive must be rejected with exactly one error that names the file and
 * says what is wrong. */
static void expect_rejected(Buf *b, const char *what) {
  Archive a = read_buf(b, "bad.a");
  cr_assert_not(a.ok, "expected read_archive to fail with '%s'", what);
  cr_assert_eq(a.ctx->nerrors, 1, "expected one error ('%s'), got %lld: %s", what,
               (long long)a.ctx->nerrors, all_errors(a.ctx));
  cr_assert(has_error(a.ctx, "bad.a"), "expected the error to name bad.a, got: %s",
            all_errors(a.ctx));
  cr_assert(has_error(a.ctx, what), "expected an error containing '%s', got: %s", what,
            all_errors(a.ctx));
}

Test(archive, is_archive_recognizes_both_magics) {
  cr_assert(is_archive((const u8 *)"!<arch>\n", 8), "expected !<arch> to be an archive");
  cr_assert(is_archive((const u8 *)"!<thin>\nxx", 10), "expected !<thin> to be an archive");
  cr_assert_not(is_archive((const u8 *)"!<arch>", 7), "expected 7 bytes to be too short");
  cr_assert_not(is_archive((const u8 *)"\177ELF\2\1\1\0", 8), "expected ELF not to be an archive");
}

Test(archive, empty_archive_has_no_members) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  Archive a = read_buf(&b, "empty.a");
  cr_assert(a.ok, "expected an empty archive to be accepted: %s", all_errors(a.ctx));
  cr_assert_eq(a.members.len, 0, "expected no members, got %lld", (long long)a.members.len);
  cr_assert_eq(a.index.len, 0, "expected no index entries, got %lld", (long long)a.index.len);
}

Test(archive, gnu_archive_with_index_and_long_names) {
  static const char *const syms[] = {"foo", "bar", "baz"};
  static const char long_table[] = "a_very_long_member_name.o/\n"; /* 27 bytes: padded */
  static const char body1[] = "ABCDE";                             /* odd: padded */
  static const char body2[] = "0123456789ab";
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  i64 offsets_at = put_index(&b, "/", 4, syms, 3);
  i64 table_hdr = put_member(&b, "//", long_table, 27);
  i64 m1 = put_member(&b, "short.o/", body1, 5);
  i64 m2 = put_member(&b, "/0", body2, 12);
  patch_be(&b, offsets_at + 0, (u64)m1, 4);
  patch_be(&b, offsets_at + 4, (u64)m1, 4);
  patch_be(&b, offsets_at + 8, (u64)m2, 4);
  cr_assert_eq(m1 % 2, 0, "test setup: members start at even offsets");

  Archive a = read_buf(&b, "libx.a");
  cr_assert(a.ok, "expected a well-formed archive to be accepted: %s", all_errors(a.ctx));
  cr_assert_eq(a.ctx->nerrors, 0, "expected no errors, got: %s", all_errors(a.ctx));
  cr_assert_eq(a.members.len, 2,
               "expected 2 members (index and name table are not members), got %lld",
               (long long)a.members.len);

  ArchiveMember *x = &a.members.data[0], *y = &a.members.data[1];
  cr_assert_str_eq(x->name, "short.o", "expected the '/' terminator stripped from the short name");
  cr_assert_eq(x->size, 5, "expected size 5 for short.o, got %lld", (long long)x->size);
  cr_assert_eq(x->data, b.data + m1 + 60,
               "expected short.o's data to point into the mapping right after its header");
  cr_assert_eq(x->header_offset, m1, "expected header_offset %lld, got %lld", (long long)m1,
               (long long)x->header_offset);

  cr_assert_str_eq(y->name, "a_very_long_member_name.o",
                   "expected the long name from '//' without its '/\\n' terminator");
  cr_assert_eq(y->size, 12, "expected size 12, got %lld", (long long)y->size);
  cr_assert_eq(y->data, b.data + m2 + 60, "expected the long-named member's data after its header");
  cr_assert_eq(y->header_offset, m2, "expected header_offset %lld (after the pad byte), got %lld",
               (long long)m2, (long long)y->header_offset);
  cr_assert(table_hdr < m1, "test setup: name table precedes members");

  cr_assert_eq(a.index.len, 3, "expected 3 index entries, got %lld", (long long)a.index.len);
  i64 want[] = {m1, m1, m2};
  for (int i = 0; i < 3; i++) {
    cr_assert_str_eq(a.index.data[i].name, syms[i], "expected index entry %d to be %s", i, syms[i]);
    cr_assert_eq(a.index.data[i].member_offset, want[i],
                 "expected %s to point at member header %lld, got %lld", syms[i],
                 (long long)want[i], (long long)a.index.data[i].member_offset);
  }
}

Test(archive, long_names_in_the_middle_of_the_table) {
  /* Entries are "name/\n"; a name may contain '/' (thin archives store paths). */
  static const char table[] = "first_long_name.o/\nsub/dir/second_long_name.o/\n";
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_member(&b, "//", table, (i64)strlen(table));
  put_member(&b, "/19", "x", 1);
  put_member(&b, "/0", "yy", 2);
  Archive a = read_buf(&b, "libl.a");
  cr_assert(a.ok, "expected acceptance: %s", all_errors(a.ctx));
  cr_assert_eq(a.members.len, 2, "expected 2 members, got %lld", (long long)a.members.len);
  cr_assert_str_eq(a.members.data[0].name, "sub/dir/second_long_name.o",
                   "expected /19 to name the second entry, slashes kept");
  cr_assert_str_eq(a.members.data[1].name, "first_long_name.o",
                   "expected /0 to name the first entry");
}

Test(archive, sym64_index) {
  static const char *const syms[] = {"alpha", "beta"};
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  i64 offsets_at = put_index(&b, "/SYM64/", 8, syms, 2);
  i64 m1 = put_member(&b, "one.o/", "1111", 4);
  i64 m2 = put_member(&b, "two.o/", "222", 3);
  patch_be(&b, offsets_at, (u64)m2, 8);
  patch_be(&b, offsets_at + 8, (u64)m1, 8);

  Archive a = read_buf(&b, "lib64.a");
  cr_assert(a.ok, "expected a /SYM64/ archive to be accepted: %s", all_errors(a.ctx));
  cr_assert_eq(a.members.len, 2, "expected 2 members, got %lld", (long long)a.members.len);
  cr_assert_eq(a.index.len, 2, "expected 2 index entries, got %lld", (long long)a.index.len);
  cr_assert_str_eq(a.index.data[0].name, "alpha", "expected first symbol alpha");
  cr_assert_eq(a.index.data[0].member_offset, m2, "expected alpha -> %lld, got %lld", (long long)m2,
               (long long)a.index.data[0].member_offset);
  cr_assert_str_eq(a.index.data[1].name, "beta", "expected second symbol beta");
  cr_assert_eq(a.index.data[1].member_offset, m1, "expected beta -> %lld, got %lld", (long long)m1,
               (long long)a.index.data[1].member_offset);
  cr_assert_str_eq(a.members.data[1].name, "two.o", "expected member two.o");
  cr_assert_eq(a.members.data[1].size, 3, "expected two.o to be 3 bytes");
}

Test(archive, sym64_offsets_above_4gib_are_kept) {
  static const char *const syms[] = {"far"};
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  i64 offsets_at = put_index(&b, "/SYM64/", 8, syms, 1);
  patch_be(&b, offsets_at, 0x123456789aULL, 8);
  Archive a = read_buf(&b, "big.a");
  cr_assert(a.ok, "expected acceptance: %s", all_errors(a.ctx));
  cr_assert_eq(a.index.len, 1, "expected one entry");
  cr_assert_eq(a.index.data[0].member_offset, 0x123456789aLL,
               "expected the full 64-bit offset 0x123456789a, got 0x%llx",
               (long long)a.index.data[0].member_offset);
}

Test(archive, sysv_names_padded_with_spaces_and_no_index) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_member(&b, "plain.o", "abc", 3);
  put_member(&b, "exactly16chars.o", "d", 1);
  Archive a = read_buf(&b, "libp.a");
  cr_assert(a.ok, "expected acceptance: %s", all_errors(a.ctx));
  cr_assert_eq(a.members.len, 2, "expected 2 members");
  cr_assert_str_eq(a.members.data[0].name, "plain.o", "expected trailing spaces stripped");
  cr_assert_str_eq(a.members.data[1].name, "exactly16chars.o", "expected a full 16-char name");
  cr_assert_eq(a.index.len, 0, "expected no index");
}

Test(archive, bsd_long_name_precedes_data) {
  /* "#1/LEN": the name is the first LEN bytes of the body, not part of the data. */
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  i64 off = put_header(&b, "#1/20", 20 + 6);
  put(&b, "bsd_style_name.o\0\0\0\0", 20);
  put(&b, "DATA!!", 6);
  put_member(&b, "__.SYMDEF", "\0\0\0\0", 4); /* BSD index: skipped */
  Archive a = read_buf(&b, "libbsd.a");
  cr_assert(a.ok, "expected acceptance: %s", all_errors(a.ctx));
  cr_assert_eq(a.members.len, 1, "expected 1 member (__.SYMDEF is not a member), got %lld",
               (long long)a.members.len);
  cr_assert_str_eq(a.members.data[0].name, "bsd_style_name.o", "expected the name from the body");
  cr_assert_eq(a.members.data[0].size, 6, "expected the 20 name bytes excluded from size, got %lld",
               (long long)a.members.data[0].size);
  cr_assert_eq(a.members.data[0].data, b.data + off + 60 + 20, "expected data after the name");
  cr_assert(!memcmp(a.members.data[0].data, "DATA!!", 6), "expected the data bytes");
  cr_assert_eq(a.members.data[0].header_offset, off, "expected header offset %lld", (long long)off);
}

Test(archive, odd_last_member_without_pad_byte) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header(&b, "last.o/", 3);
  put(&b, "xyz", 3); /* no trailing '\n': file ends at an odd offset */
  Archive a = read_buf(&b, "libodd.a");
  cr_assert(a.ok, "expected a missing final pad byte to be tolerated: %s", all_errors(a.ctx));
  cr_assert_eq(a.members.len, 1, "expected one member");
  cr_assert_eq(a.members.data[0].size, 3, "expected size 3");
}

Test(archive, zero_size_member) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_member(&b, "empty.o/", "", 0);
  i64 m2 = put_member(&b, "next.o/", "zz", 2);
  Archive a = read_buf(&b, "libz.a");
  cr_assert(a.ok, "expected acceptance: %s", all_errors(a.ctx));
  cr_assert_eq(a.members.len, 2, "expected 2 members");
  cr_assert_eq(a.members.data[0].size, 0, "expected an empty member");
  cr_assert_eq(a.members.data[1].header_offset, m2, "expected next.o right after the empty one");
}

/* ---- malformed archives ---- */

Test(archive, truncated_header) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_member(&b, "ok.o/", "ok", 2);
  put_str(&b, "trunc.o/        0           0     0     644     "); /* 48 of 60 bytes */
  expect_rejected(&b, "malformed archive member header");
}

Test(archive, header_without_terminator) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header(&b, "x.o/", 2);
  b.data[b.len - 2] = '!';
  put_str(&b, "xx");
  expect_rejected(&b, "malformed archive member header");
}

Test(archive, non_numeric_size) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header_raw(&b, "x.o/", "12a");
  put_str(&b, "0123456789ab");
  expect_rejected(&b, "malformed archive member size");
}

Test(archive, blank_size) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header_raw(&b, "x.o/", "");
  expect_rejected(&b, "malformed archive member size");
}

Test(archive, negative_size) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header_raw(&b, "x.o/", "-4");
  put_str(&b, "abcd");
  expect_rejected(&b, "malformed archive member size");
}

Test(archive, size_with_embedded_space) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header_raw(&b, "x.o/", "1 2");
  put_str(&b, "abcdefghijkl");
  expect_rejected(&b, "malformed archive member size");
}

Test(archive, member_extends_past_end) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header(&b, "big.o/", 100);
  put_str(&b, "only ten!!");
  expect_rejected(&b, "extends past the end");
}

Test(archive, long_name_offset_out_of_range) {
  static const char table[] = "long_name_here.o/\n"; /* 18 bytes */
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_member(&b, "//", table, 18);
  put_member(&b, "/18", "x", 1); /* one past the table */
  expect_rejected(&b, "malformed long member name");
}

Test(archive, long_name_without_table) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_member(&b, "/0", "x", 1);
  expect_rejected(&b, "malformed long member name");
}

Test(archive, index_count_too_large) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header(&b, "/", 8);
  put_be(&b, 1000, 4); /* 1000 offsets cannot fit in 4 bytes */
  put_be(&b, 8, 4);
  expect_rejected(&b, "malformed archive symbol index");
}

Test(archive, index_count_one_too_large) {
  /* count 2 needs 4 + 8 bytes of offsets; the body has room for only one offset + names. */
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header(&b, "/", 10);
  put_be(&b, 2, 4);
  put_be(&b, 8, 4);
  put(&b, "a\0", 2);
  expect_rejected(&b, "malformed archive symbol index");
}

Test(archive, index_count_overflowing_u64_multiplication) {
  /* count * 8 wraps around in 64 bits: a naive bounds check would pass it. */
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header(&b, "/SYM64/", 16);
  put_be(&b, 0x2000000000000001ULL, 8);
  put_be(&b, 8, 8);
  expect_rejected(&b, "malformed archive symbol index");
}

Test(archive, index_name_not_terminated) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header(&b, "/", 11);
  put_be(&b, 1, 4);
  put_be(&b, 8, 4);
  put(&b, "abc", 3); /* no NUL before the end of the member */
  pad_even(&b);
  expect_rejected(&b, "malformed archive symbol index");
}

Test(archive, index_shorter_than_its_count) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header(&b, "/", 2);
  put(&b, "\0\0", 2);
  expect_rejected(&b, "malformed archive symbol index");
}

Test(archive, index_names_missing_entirely) {
  Buf b = {0};
  put_str(&b, "!<arch>\n");
  put_header(&b, "/", 8);
  put_be(&b, 1, 4);
  put_be(&b, 8, 4); /* offset present, name table empty */
  expect_rejected(&b, "malformed archive symbol index");
}

/* ---- thin archives ---- */

static char *make_temp_dir(void) {
  const char *tmp = getenv("TMPDIR");
  char *tmpl = NULL;
  cr_assert(asprintf(&tmpl, "%s/rivet-unit-XXXXXX", tmp && *tmp ? tmp : P_tmpdir) > 0);
  cr_assert_not_null(mkdtemp(tmpl), "expected to create a temporary directory");
  return tmpl;
}

static void write_file(const char *dir, const char *name, const char *text) {
  char *path = NULL;
  cr_assert(asprintf(&path, "%s/%s", dir, name) > 0);
  FILE *fp = fopen(path, "wb");
  cr_assert_not_null(fp, "expected to create %s", path);
  fwrite(text, 1, strlen(text), fp);
  fclose(fp);
  free(path);
}

static void remove_in(const char *dir, const char *name) {
  char *path = NULL;
  cr_assert(asprintf(&path, "%s/%s", dir, name) > 0);
  remove(path);
  free(path);
}

Test(archive, thin_archive_members_are_files) {
  char *dir = make_temp_dir();
  char *sub = NULL;
  cr_assert(asprintf(&sub, "%s/sub", dir) > 0);
  cr_assert_eq(mkdir(sub, 0700), 0, "expected to create %s", sub);
  write_file(dir, "a.o", "AAAA");
  write_file(dir, "sub/long_member_name.o", "BBBBBBB");
  write_file(dir, "abs.o", "CC");

  /* GNU ar rcT: every name goes through "//"; absolute paths stay absolute. */
  char *table = NULL;
  cr_assert(asprintf(&table, "a.o/\nsub/long_member_name.o/\n%s/abs.o/\n", dir) > 0);
  static const char *const syms[] = {"fa", "fb"};
  Buf b = {0};
  put_str(&b, "!<thin>\n");
  i64 offsets_at = put_index(&b, "/", 4, syms, 2);
  put_member(&b, "//", table, (i64)strlen(table));
  i64 m1 = put_header(&b, "/0", 4); /* thin: headers only, sizes of the files */
  i64 m2 = put_header(&b, "/5", 7);
  i64 m3 = put_header(&b, "/29", 2);
  patch_be(&b, offsets_at, (u64)m1, 4);
  patch_be(&b, offsets_at + 4, (u64)m2, 4);

  char *path = NULL;
  cr_assert(asprintf(&path, "%s/libthin.a", dir) > 0);
  Archive a = read_buf(&b, path);
  cr_assert(a.ok, "expected the thin archive to be accepted: %s", all_errors(a.ctx));
  cr_assert_eq(a.members.len, 3, "expected 3 members, got %lld", (long long)a.members.len);
  cr_assert_str_eq(a.members.data[0].name, "a.o", "expected member a.o");
  cr_assert_eq(a.members.data[0].size, 4, "expected a.o's size from the file: 4");
  cr_assert(!memcmp(a.members.data[0].data, "AAAA", 4), "expected a.o's bytes from disk");
  cr_assert_eq(a.members.data[0].header_offset, m1, "expected header offset %lld", (long long)m1);
  cr_assert_str_eq(a.members.data[1].name, "sub/long_member_name.o",
                   "expected the relative path as name");
  cr_assert_eq(a.members.data[1].size, 7, "expected 7 bytes");
  cr_assert(!memcmp(a.members.data[1].data, "BBBBBBB", 7),
            "expected sub/long_member_name.o read relative to the archive's directory");
  cr_assert_eq(a.members.data[1].header_offset, m2,
               "expected no body skipped between thin headers: %lld, got %lld", (long long)m2,
               (long long)a.members.data[1].header_offset);
  cr_assert_eq(a.members.data[2].size, 2, "expected the absolute-path member's size 2");
  cr_assert(!memcmp(a.members.data[2].data, "CC", 2), "expected abs.o's bytes");
  cr_assert_eq(a.members.data[2].header_offset, m3, "expected header offset %lld", (long long)m3);
  cr_assert_eq(a.index.len, 2, "expected 2 index entries");
  cr_assert_eq(a.index.data[1].member_offset, m2, "expected fb -> second member header");

  remove_in(dir, "a.o");
  remove_in(dir, "sub/long_member_name.o");
  remove_in(dir, "abs.o");
  rmdir(sub);
  rmdir(dir);
}

Test(archive, thin_archive_in_current_directory) {
  char *dir = make_temp_dir();
  write_file(dir, "m.o", "MMM");
  cr_assert_eq(chdir(dir), 0, "expected to enter %s", dir);
  Buf b = {0};
  put_str(&b, "!<thin>\n");
  put_header(&b, "m.o/", 3);
  Archive a = read_buf(&b, "libcwd.a"); /* no directory part: members are in "." */
  cr_assert(a.ok, "expected acceptance: %s", all_errors(a.ctx));
  cr_assert_eq(a.members.len, 1, "expected one member");
  cr_assert_str_eq(a.members.data[0].name, "m.o", "expected a short name in a thin archive");
  cr_assert(!memcmp(a.members.data[0].data, "MMM", 3), "expected m.o's bytes from ./m.o");
  remove_in(dir, "m.o");
  rmdir(dir);
}

Test(archive, thin_archive_missing_member_file) {
  char *dir = make_temp_dir();
  char *path = NULL;
  cr_assert(asprintf(&path, "%s/libgone.a", dir) > 0);
  Buf b = {0};
  put_str(&b, "!<thin>\n");
  put_header(&b, "gone.o/", 10);
  Archive a = read_buf(&b, path);
  cr_assert_not(a.ok, "expected a missing thin member to fail the archive");
  cr_assert_eq(a.ctx->nerrors, 1, "expected one error, got: %s", all_errors(a.ctx));
  cr_assert(has_error(a.ctx, "cannot open") && has_error(a.ctx, "gone.o"),
            "expected 'cannot open .../gone.o', got: %s", all_errors(a.ctx));
  rmdir(dir);
}

/* Regression test for a fixed bug (lib/archive.c, read_archive): rivet.h promises "Returns false
 * after reporting an error naming the archive", but a thin archive whose member file is missing
 * reports only "cannot open DIR/gone.o: ..." (from map_file_or_error), without libgone.a, so the
 * user cannot tell which archive refers to the file. */
Test(archive, thin_archive_missing_member_names_the_archive) {
  char *dir = make_temp_dir();
  char *path = NULL;
  cr_assert(asprintf(&path, "%s/libgone.a", dir) > 0);
  Buf b = {0};
  put_str(&b, "!<thin>\n");
  put_header(&b, "gone.o/", 10);
  Archive a = read_buf(&b, path);
  cr_assert_not(a.ok, "expected a missing thin member to fail the archive");
  cr_assert(has_error(a.ctx, "libgone.a"), "expected the error to name libgone.a, got: %s",
            all_errors(a.ctx));
  rmdir(dir);
}

Test(archive, thin_archive_index_must_still_fit) {
  /* In a thin archive only the special members have bodies; those must be in the file. */
  Buf b = {0};
  put_str(&b, "!<thin>\n");
  put_header(&b, "//", 40);
  put_str(&b, "short/\n");
  expect_rejected(&b, "extends past the end");
}

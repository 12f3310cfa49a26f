/* ar archives: regular and thin, GNU/SysV long names, the "/" (32-bit) and "/SYM64/"
 * symbol indexes. Members of a thin archive live in their own files, named relative to
 * the archive's directory. Only headers are parsed; member contents stay in the mapping. */
#include "rivet.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

enum { AR_HEADER_SIZE = 60 };

bool is_archive(const u8 *data, i64 size) {
  return size >= 8 && (!memcmp(data, "!<arch>\n", 8) || !memcmp(data, "!<thin>\n", 8));
}

static bool parse_decimal(const u8 *p, i64 len, i64 *out) {
  i64 v = 0;
  i64 i = 0;
  while (i < len && p[i] == ' ')
    i++;
  if (i == len)
    return false;
  for (; i < len && p[i] != ' '; i++) {
    if (p[i] < '0' || p[i] > '9' || v > (INT64_MAX - 9) / 10)
      return false;
    v = v * 10 + (p[i] - '0');
  }
  for (; i < len; i++)
    if (p[i] != ' ')
      return false;
  *out = v;
  return true;
}

/* How much of the 15 bytes after "/" in a long-name reference to parse: the digits.
 * GNU ar leaves the previous name's last byte in the field when the number is short
 * ("/59            /" in thin archives), and GNU ld reads the number with strtol,
 * ignoring what follows; so does rivet, as long as only spaces and '/' follow. */
static i64 name_digits(const u8 *p, i64 len) {
  i64 n = 0;
  while (n < len && p[n] >= '0' && p[n] <= '9')
    n++;
  for (i64 i = n; i < len; i++)
    if (p[i] != ' ' && p[i] != '/')
      return len; /* anything else: let parse_decimal refuse the field */
  return n;
}

static u64 read_be(const u8 *p, int n) {
  u64 v = 0;
  for (int i = 0; i < n; i++)
    v = (v << 8) | p[i];
  return v;
}

static bool read_symbol_index(Ctx *ctx, MappedFile *mf, const u8 *p, i64 size, int word,
                              ArchiveIndexVec *index) {
  if (size < word)
    goto bad;
  u64 count = read_be(p, word);
  if (count > (u64)(size / word) - 1)
    goto bad;
  const u8 *offsets = p + word;
  const char *names = (const char *)(offsets + count * (u64)word);
  const char *end = (const char *)p + size;
  populate_for_reading(p, size); /* read whole, once */
  if (index->cap - index->len < (i64)count)
    vec_grow(&index->data, &index->cap, index->len + (i64)count, sizeof(*index->data));
  for (u64 i = 0; i < count; i++) {
    const char *nul = memchr(names, 0, (size_t)(end - names));
    if (!nul)
      goto bad;
    ArchiveIndexEntry e = {.name = names,
                           .member_offset = (i64)read_be(offsets + i * (u64)word, word)};
    vec_push(index, e);
    names = nul + 1;
  }
  return true;
bad:
  error(ctx, "%s: malformed archive symbol index", mf->path);
  return false;
}

static const char *dir_of(Ctx *ctx, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return ".";
  char *d = arena_alloc(local_arena(ctx), slash - path + 1, 1);
  memcpy(d, path, (size_t)(slash - path));
  return d;
}

/* Member headers are read with pread, not through the mapping: they lie one per member,
 * often 100 KiB apart, and a fault on each maps the 64 KiB around it, which measured
 * 12 us a header against 2 us a pread (LLVM's 2,700 archive members: 33 ms against
 * 6 ms). Members that are never extracted then are never mapped in. The reads go to
 * the file that was mapped, checked by device and inode, or else through the mapping. */
typedef struct HeaderReader {
  const u8 *data;
  i64 size;
  int fd;
  u8 buf[AR_HEADER_SIZE + SELFMAG]; /* a header, and the magic of the member after it */
} HeaderReader;

static void open_header_reader(HeaderReader *r, const MappedFile *mf) {
  r->data = mf->data;
  r->size = mf->size;
  r->fd = -1;
  if (mf->parent || !mf->ino)
    return;
  int fd = open(mf->path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd >= 0 && fstat(fd, &st) == 0 && (u64)st.st_dev == mf->dev && (u64)st.st_ino == mf->ino &&
      st.st_size == mf->size)
    r->fd = fd;
  else if (fd >= 0)
    close(fd);
}

/* The AR_HEADER_SIZE bytes at off, which the caller has checked are in the file. */
static const u8 *header_at(HeaderReader *r, i64 off) {
  i64 want = MIN((i64)sizeof r->buf, r->size - off);
  if (r->fd >= 0 && pread(r->fd, r->buf, (size_t)want, off) == want)
    return r->buf;
  return r->data + off;
}

/* Does the stored member whose header is at off start with the ELF magic? */
static bool member_is_elf(HeaderReader *r, const u8 *hdr, i64 off, i64 body_size) {
  if (body_size < SELFMAG || r->size - off < (i64)sizeof r->buf)
    return false;
  return !memcmp(hdr + AR_HEADER_SIZE, ELFMAG, SELFMAG);
}

static bool walk_archive(Ctx *ctx, MappedFile *mf, HeaderReader *r, ArchiveMemberVec *members,
                         ArchiveIndexVec *index);

bool read_archive(Ctx *ctx, MappedFile *mf, ArchiveMemberVec *members, ArchiveIndexVec *index) {
  HeaderReader r;
  open_header_reader(&r, mf);
  bool ok = walk_archive(ctx, mf, &r, members, index);
  if (r.fd >= 0)
    close(r.fd);
  return ok;
}

static bool walk_archive(Ctx *ctx, MappedFile *mf, HeaderReader *r, ArchiveMemberVec *members,
                         ArchiveIndexVec *index) {
  const u8 *d = mf->data;
  i64 size = mf->size;
  bool thin = !memcmp(d, "!<thin>\n", 8);
  const char *long_names = NULL;
  i64 long_names_size = 0;
  i64 off = 8;
  while (off < size) {
    if (off & 1)
      off++;
    if (off >= size)
      break;
    const u8 *hdr = size - off < AR_HEADER_SIZE ? NULL : header_at(r, off);
    if (!hdr || memcmp(hdr + 58, "`\n", 2)) {
      error(ctx, "%s: malformed archive member header at offset %ld", mf->path, (long)off);
      return false;
    }
    i64 body_size;
    if (!parse_decimal(hdr + 48, 10, &body_size)) {
      error(ctx, "%s: malformed archive member size at offset %ld", mf->path, (long)off);
      return false;
    }
    const u8 *body = d + off + AR_HEADER_SIZE;
    i64 body_off = off + AR_HEADER_SIZE;
    bool is_special =
        hdr[0] == '/' && (hdr[1] == ' ' || hdr[1] == '/' || !memcmp(hdr, "/SYM64/", 7));
    /* A thin archive stores only the special members' bodies. */
    bool stored = !thin || is_special;
    if (stored && body_size > size - body_off) {
      error(ctx, "%s: archive member at offset %ld extends past the end of the file", mf->path,
            (long)off);
      return false;
    }
    if (!memcmp(hdr, "/               ", 16)) {
      if (index && !read_symbol_index(ctx, mf, body, body_size, 4, index))
        return false;
    } else if (!memcmp(hdr, "/SYM64/         ", 16)) {
      if (index && !read_symbol_index(ctx, mf, body, body_size, 8, index))
        return false;
    } else if (!memcmp(hdr, "//              ", 16)) {
      long_names = (const char *)body;
      long_names_size = body_size;
    } else if (!memcmp(hdr, "__.SYMDEF", 9)) {
      /* BSD index: ignored, members are scanned instead. */
    } else {
      const char *name;
      const u8 *data = body;
      i64 data_size = body_size;
      if (hdr[0] == '/') {
        /* "/123": offset into the "//" table, where the name ends with "/\n". */
        i64 name_off;
        if (hdr[1] < '0' || hdr[1] > '9' || !parse_decimal(hdr + 1, name_digits(hdr + 1, 15), &name_off) ||
            !long_names || name_off >= long_names_size) {
          error(ctx, "%s: malformed long member name at offset %ld", mf->path, (long)off);
          return false;
        }
        const char *s = long_names + name_off;
        const char *end = long_names + long_names_size;
        const char *e = s;
        while (e + 1 < end && !(e[0] == '/' && e[1] == '\n'))
          e++;
        if (e + 1 >= end) {
          error(ctx, "%s: long member name at offset %ld is not terminated", mf->path, (long)off);
          return false;
        }
        char *n = arena_alloc(local_arena(ctx), e - s + 1, 1);
        memcpy(n, s, (size_t)(e - s));
        name = n;
      } else if (!memcmp(hdr, "#1/", 3)) {
        i64 n;
        if (!parse_decimal(hdr + 3, 13, &n) || n > body_size) {
          error(ctx, "%s: malformed BSD member name at offset %ld", mf->path, (long)off);
          return false;
        }
        char *s = arena_alloc(local_arena(ctx), n + 1, 1);
        memcpy(s, body, (size_t)n);
        name = s;
        data += n;
        data_size -= n;
      } else {
        i64 n = 0;
        while (n < 16 && hdr[n] != '/' && hdr[n] != ' ')
          n++;
        char *s = arena_alloc(local_arena(ctx), n + 1, 1);
        memcpy(s, hdr, (size_t)n);
        name = s;
      }
      if (thin) {
        const char *path =
            name[0] == '/' ? name
                           : arena_sprintf(local_arena(ctx), "%s/%s", dir_of(ctx, mf->path), name);
        MappedFile *m = map_file(ctx, path);
        if (!m) {
          error(ctx, "%s: cannot open thin archive member %s: %s", mf->path, path, strerror(errno));
          return false;
        }
        data = m->data;
        data_size = m->size;
      }
      bool is_elf = !thin && data == body ? member_is_elf(r, hdr, off, body_size)
                                          : is_elf_object(data, data_size);
      ArchiveMember m = {
          .name = name, .data = data, .size = data_size, .header_offset = off, .is_elf = is_elf};
      vec_push(members, m);
    }
    off = body_off + (stored ? body_size : 0);
  }
  return true;
}

/* --reproduce=FILE.tar (lld): a tar of every file the link read, under a directory named
 * after the tar, with response.txt, the command line rewritten to name those copies,
 * and version.txt. Unpacked anywhere, `cd DIR && ld.rivet @response.txt` links the
 * same output again. The archive is POSIX ustar, with pax headers for long names. */
#include "rivet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The copy's name inside the tar: the absolute path, "." and ".." removed lexically
 * (as lld does; tar refuses member names with ".."), without its leading '/'. */
const char *reproduce_path(Ctx *ctx, const char *path) {
  char cwd[4096] = "/";
  if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
    return path;
  const char *full = path[0] == '/' ? path : arena_sprintf(&ctx->arena, "%s/%s", cwd, path);
  char *out = arena_alloc(&ctx->arena, (i64)strlen(full) + 1, 1);
  size_t len = 0;
  for (const char *p = full; *p;) {
    while (*p == '/')
      p++;
    size_t n = strcspn(p, "/");
    if (n == 0 || (n == 1 && p[0] == '.')) {
    } else if (n == 2 && p[0] == '.' && p[1] == '.') {
      while (len > 0 && out[len - 1] != '/')
        len--;
      len -= len > 0; /* the '/' before the dropped component */
    } else {
      if (len)
        out[len++] = '/';
      memcpy(out + len, p, n);
      len += n;
    }
    p += n;
  }
  out[len] = 0;
  return out;
}

typedef struct Tar {
  FILE *out;
  bool failed;
} Tar;

static void put_octal(char *field, size_t width, u64 value) {
  snprintf(field, width, "%0*llo", (int)width - 1, (unsigned long long)value);
}

static void write_header(Tar *t, const char *name, u64 size, char type) {
  char h[512] = {0};
  snprintf(h, 100, "%s", name);
  put_octal(h + 100, 8, 0644);
  put_octal(h + 108, 8, 0);
  put_octal(h + 116, 8, 0);
  put_octal(h + 124, 12, size);
  put_octal(h + 136, 12, 0);
  h[156] = type;
  memcpy(h + 257, "ustar", 6);
  memcpy(h + 263, "00", 2);
  memset(h + 148, ' ', 8);
  u32 sum = 0;
  for (int i = 0; i < 512; i++)
    sum += (u8)h[i];
  snprintf(h + 148, 8, "%06o", sum);
  h[155] = ' ';
  t->failed |= fwrite(h, 1, 512, t->out) != 512;
}

static void write_padded(Tar *t, const void *data, u64 size) {
  static const char zeros[512];
  t->failed |= size && fwrite(data, 1, size, t->out) != size;
  u64 pad = (512 - size % 512) % 512;
  t->failed |= pad && fwrite(zeros, 1, pad, t->out) != pad;
}

/* pax (POSIX.1-2001): a name longer than ustar's 100 bytes goes in a "path" record. */
static void add_file(Ctx *ctx, Tar *t, const char *name, const void *data, u64 size) {
  if (strlen(name) >= 100) {
    size_t len = strlen(name) + strlen(" path=\n");
    size_t digits = 1;
    while (snprintf(NULL, 0, "%zu", len + digits) > (int)digits)
      digits++;
    char *record = arena_sprintf(&ctx->arena, "%zu path=%s\n", len + digits, name);
    write_header(t, "pax-header", strlen(record), 'x');
    write_padded(t, record, strlen(record));
  }
  write_header(t, name, size, '0');
  write_padded(t, data, size);
}

typedef struct TarEntry {
  const char *name;
  MappedFile *file;
} TarEntry;

static int compare_entries(const void *a, const void *b) {
  return strcmp(((const TarEntry *)a)->name, ((const TarEntry *)b)->name);
}

void write_reproduce_tar(Ctx *ctx) {
  const char *tar_path = ctx->opt.reproduce;
  if (!tar_path)
    return;
  const char *base = strrchr(tar_path, '/');
  base = base ? base + 1 : tar_path;
  size_t n = strlen(base);
  const char *root =
      n > 4 && !strcmp(base + n - 4, ".tar") ? arena_strndup(&ctx->arena, base, (i64)n - 4) : base;
  Tar t = {fopen(tar_path, "wb"), false};
  if (!t.out) {
    error(ctx, "cannot open --reproduce file %s: %s", tar_path, strerror(errno));
    return;
  }
  const char *response = reproduce_response(ctx);
  add_file(ctx, &t, arena_sprintf(&ctx->arena, "%s/response.txt", root), response,
           strlen(response));
  const char *version = arena_sprintf(&ctx->arena, "%s\n", rv_version());
  add_file(ctx, &t, arena_sprintf(&ctx->arena, "%s/version.txt", root), version, strlen(version));
  /* Every file read, once, in name order (threads map them in any order). */
  i64 count = ctx->mappings.len;
  TarEntry *entries = malloc((size_t)MAX(count, 1) * sizeof(TarEntry));
  if (!entries)
    fatal(ctx, "out of memory");
  for (i64 i = 0; i < count; i++)
    entries[i] = (TarEntry){
        arena_sprintf(&ctx->arena, "%s/%s", root, reproduce_path(ctx, ctx->mappings.data[i]->path)),
        ctx->mappings.data[i]};
  qsort(entries, (size_t)count, sizeof(TarEntry), compare_entries);
  for (i64 i = 0; i < count; i++)
    if (i == 0 || strcmp(entries[i].name, entries[i - 1].name))
      add_file(ctx, &t, entries[i].name, entries[i].file->data, (u64)entries[i].file->size);
  free(entries);
  static const char end[1024];
  t.failed |= fwrite(end, 1, sizeof end, t.out) != sizeof end;
  if (fclose(t.out) || t.failed)
    error(ctx, "cannot write --reproduce file %s: %s", tar_path, strerror(errno));
}

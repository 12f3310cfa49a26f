/* Inputs are mapped read-only and read where they lie; nothing is copied until
 * the output is written. */
#include "rivet.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file an input path names: with --chroot, an absolute path is taken under that
 * directory (lld's and mold's rule); the path as written stays the file's name. */
static const char *chrooted(Ctx *ctx, const char *path, char buf[PATH_MAX]) {
  const char *root = ctx->opt.chroot;
  if (!root || path[0] != '/')
    return path;
  if (snprintf(buf, PATH_MAX, "%s%s", root, path) >= PATH_MAX)
    return path;
  return buf;
}

int open_input_file(Ctx *ctx, const char *path) {
  char buf[PATH_MAX];
  return open(chrooted(ctx, path, buf), O_RDONLY | O_CLOEXEC);
}

bool input_file_exists(Ctx *ctx, const char *path) {
  char buf[PATH_MAX];
  struct stat st;
  return stat(chrooted(ctx, path, buf), &st) == 0 && S_ISREG(st.st_mode);
}

/* Maps without recording the mapping in ctx->mappings: safe on any thread. */
static MappedFile *map_unrecorded(Ctx *ctx, const char *path) {
  char buf[PATH_MAX];
  int fd = open(chrooted(ctx, path, buf), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  struct stat st;
  if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    errno = EISDIR;
    return NULL;
  }
  Arena *arena = local_arena(ctx);
  MappedFile *mf = ARENA_NEW(arena, MappedFile);
  mf->path = arena_strdup(arena, path);
  mf->size = st.st_size;
  mf->dev = (u64)st.st_dev;
  mf->ino = (u64)st.st_ino;
  mf->data = (const u8 *)"";
  if (st.st_size > 0) {
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      close(fd);
      return NULL;
    }
    mf->data = p;
    /* Its first page is read at once, to tell archives, objects and scripts apart;
     * touched here, on the thread that maps it, as the first touch of a page is
     * what costs (in a VM with shadow page tables, tens of microseconds). */
    populate_for_reading(p, MIN(st.st_size, 4096));
    (void)*(volatile const u8 *)p;
  }
  close(fd);
  return mf;
}

/* Thin archives' members are mapped while archives are parsed in parallel. */
static pthread_mutex_t mappings_lock = PTHREAD_MUTEX_INITIALIZER;

static void record_mapping(Ctx *ctx, MappedFile *mf) {
  if (!mf || mf->size == 0)
    return;
  pthread_mutex_lock(&mappings_lock);
  vec_push(&ctx->mappings, mf);
  pthread_mutex_unlock(&mappings_lock);
}

MappedFile *map_file(Ctx *ctx, const char *path) {
  MappedFile *mf = map_unrecorded(ctx, path);
  record_mapping(ctx, mf);
  return mf;
}

/* A file premap_files opens: what fstat said, then its mapping. */
typedef struct Premapped {
  const char *path; /* NULL: nothing to map for this item */
  int fd;           /* -1: none, cannot be opened, or not a regular file */
  struct stat st;
  MappedFile *mf;
} Premapped;

typedef struct PremapJob {
  Premapped *files;
  PremapPathFn *path_of;
  void *arg;
} PremapJob;

static void open_premapped_task(Ctx *ctx, i64 i, void *arg) {
  PremapJob *job = arg;
  Premapped *p = &job->files[i];
  p->fd = -1;
  p->path = job->path_of(ctx, i, job->arg);
  if (!p->path)
    return;
  char buf[PATH_MAX];
  p->fd = open(chrooted(ctx, p->path, buf), O_RDONLY | O_CLOEXEC);
  if (p->fd >= 0 && (fstat(p->fd, &p->st) < 0 || !S_ISREG(p->st.st_mode))) {
    close(p->fd);
    p->fd = -1;
  }
}

static void touch_premapped_task(Ctx *ctx, i64 i, void *arg) {
  (void)ctx;
  Premapped *p = &((PremapJob *)arg)->files[i];
  if (p->fd < 0)
    return;
  close(p->fd);
  if (p->mf && p->mf->size > 0) {
    populate_for_reading(p->mf->data, MIN(p->mf->size, 4096)); /* see map_unrecorded */
    (void)*(volatile const u8 *)p->mf->data;
  }
}

/* Maps many files at once: links of thousands of objects spend much of their start in
 * finding, opening and mapping them. The paths (path_of may search for them) and the
 * opens, then the first touches, run on all threads; the mmap calls on this one, one
 * after another: each takes the address space's lock for writing, and made from
 * several threads they waited on each other and on the page faults of the rest
 * (llvm-pie's 190 files: slower on two threads than on one). A file that cannot be
 * mapped is NULL here and is reported when the link maps it the ordinary way. */
void premap_files(Ctx *ctx, i64 n, PremapPathFn *path_of, void *arg, MappedFile **out) {
  Premapped *files = calloc((size_t)MAX(n, 1), sizeof(Premapped));
  if (!files)
    fatal(ctx, "out of memory");
  PremapJob job = {files, path_of, arg};
  parallel_for(ctx, n, open_premapped_task, &job);
  for (i64 i = 0; i < n; i++) {
    Premapped *p = &files[i];
    out[i] = NULL;
    if (p->fd < 0)
      continue;
    MappedFile *mf = ARENA_NEW(&ctx->arena, MappedFile);
    mf->path = arena_strdup(&ctx->arena, p->path);
    mf->size = p->st.st_size;
    mf->dev = (u64)p->st.st_dev;
    mf->ino = (u64)p->st.st_ino;
    mf->data = (const u8 *)"";
    if (mf->size > 0) {
      void *d = mmap(NULL, (size_t)mf->size, PROT_READ, MAP_PRIVATE, p->fd, 0);
      if (d == MAP_FAILED)
        continue; /* closed by touch_premapped_task */
      mf->data = d;
    }
    p->mf = out[i] = mf;
  }
  parallel_for(ctx, n, touch_premapped_task, &job);
  for (i64 i = 0; i < n; i++)
    record_mapping(ctx, out[i]);
  free(files);
}

/* A path a user wrote: a leading '=' or "$SYSROOT" stands for the sysroot (GNU ld;
 * without --sysroot, the empty one). */
const char *sysroot_path(Ctx *ctx, const char *path) {
  const char *root = ctx->opt.sysroot ? ctx->opt.sysroot : "";
  if (path[0] == '=')
    return arena_sprintf(&ctx->arena, "%s%s", root, path + 1);
  if (!strncmp(path, "$SYSROOT", 8))
    return arena_sprintf(&ctx->arena, "%s%s", root, path + 8);
  return path;
}

/* A linker script, version script or dynamic list named on the command line: as
 * given, else, for a relative name, in the -L directories in order (GNU ld's
 * ldfile_open_command_file). */
MappedFile *map_script_file(Ctx *ctx, const char *path) {
  path = sysroot_path(ctx, path);
  MappedFile *mf = map_file(ctx, path);
  int err = errno;
  for (i64 i = 0; !mf && path[0] != '/' && i < ctx->opt.lib_paths.len; i++)
    mf = map_file(ctx, arena_sprintf(&ctx->arena, "%s/%s", ctx->opt.lib_paths.data[i], path));
  if (!mf)
    error(ctx, "cannot open %s: %s", path, strerror(err));
  return mf;
}

MappedFile *map_file_or_error(Ctx *ctx, const char *path) {
  MappedFile *mf = map_file(ctx, path);
  if (!mf)
    error(ctx, "cannot open %s: %s", path, strerror(errno));
  return mf;
}

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

/* Maps in the page tables for a file (or archive member) about to be read whole: one
 * call (Linux 5.14) instead of a page fault per 64 KiB, which on the LLVM links
 * measured 3% faster. Without kernel support the reads fault as before. */
void populate_for_reading(const void *p, i64 size) {
  if (size <= 0)
    return;
  u64 begin = (u64)(uintptr_t)p & ~(u64)4095;
  u64 end = (u64)(uintptr_t)p + (u64)size;
  (void)madvise((void *)(uintptr_t)begin, (size_t)(end - begin), MADV_POPULATE_READ);
}

void populate_mapping(const MappedFile *mf) {
  populate_for_reading(mf->data, mf->size);
}

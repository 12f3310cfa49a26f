/* The output file is written through an mmap of a temporary file in the same
 * directory, and renamed over the real name only when the link has succeeded, so a
 * build system never sees a half-written output. On error, SIGINT, SIGTERM or SIGHUP
 * the temporary file is removed. Building the image in anonymous huge-page memory and
 * writing it with one pwrite was tried and measured slower on large links: the
 * kernel then allocates the file's page cache on one thread, under the inode lock,
 * where faults through the mapping are taken by all the writing threads at once. */
#include "rivet.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static char temp_path[4096];
static volatile sig_atomic_t have_temp;
/* The output being replaced, held open so that the rename does not free its page
 * cache on the way out; it is closed while the mappings are released. -1: none. */
static int old_output_fd = -1;

void remove_temp_output(void) {
  if (have_temp) {
    unlink(temp_path);
    have_temp = 0;
  }
}

static void on_signal(int sig) {
  if (have_temp)
    unlink(temp_path);
  signal(sig, SIG_DFL);
  raise(sig);
}

/* The mapping is populated before it is written, on all threads, a range at a time:
 * one MADV_POPULATE_WRITE (Linux 5.14) allocates a range's page cache without a
 * page-fault exception per 4 KiB page, which the writes would otherwise take (no
 * fault-around for writes to a shared mapping). LLVM links measured 4-5% faster.
 * Where the kernel lacks it, the call fails and the writes fault as before. */
enum { POPULATE_CHUNK = 4 << 20 };

typedef struct FileRange {
  i64 off, len;
} FileRange;

typedef VEC(FileRange) FileRangeVec;

static int compare_offsets(const void *a, const void *b) {
  const FileRange *x = a, *y = b;
  return (x->off > y->off) - (x->off < y->off);
}

/* The parts of the file that chunks fill, in pieces of at most POPULATE_CHUNK. A gap
 * of that size or more (a non-allocated section's large alignment) is left a hole. */
static FileRangeVec ranges_to_populate(Ctx *ctx) {
  FileRangeVec filled = {0}, pieces = {0};
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (c->shdr.sh_type != SHT_NOBITS && c->shdr.sh_size > 0)
      vec_push(&filled, ((FileRange){(i64)c->shdr.sh_offset, (i64)c->shdr.sh_size}));
  }
  if (filled.len)
    qsort(filled.data, (size_t)filled.len, sizeof(FileRange), compare_offsets);
  for (i64 i = 0; i < filled.len;) {
    i64 begin = filled.data[i].off, end = begin + filled.data[i].len;
    for (i++; i < filled.len && filled.data[i].off - end < POPULATE_CHUNK; i++)
      end = MAX(end, filled.data[i].off + filled.data[i].len);
    end = MIN(end, ctx->filesize);
    for (i64 off = begin; off < end; off += POPULATE_CHUNK)
      vec_push(&pieces, ((FileRange){off, MIN((i64)POPULATE_CHUNK, end - off)}));
  }
  free(filled.data);
  return pieces;
}

static void populate_task(Ctx *ctx, i64 i, void *arg) {
  FileRange *r = &((FileRange *)arg)[i];
  populate_for_writing(ctx->buf + r->off, r->len);
}

bool open_output(Ctx *ctx) {
  const char *out = ctx->opt.output;
  const char *slash = strrchr(out, '/');
  int dirlen = slash ? (int)(slash - out + 1) : 0;
  if (snprintf(temp_path, sizeof temp_path, "%.*s.%s.rivet-XXXXXX", dirlen, out,
               slash ? slash + 1 : out) >= (int)sizeof temp_path) {
    error(ctx, "output path is too long: %s", out);
    return false;
  }
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  signal(SIGHUP, on_signal);
  old_output_fd = open(out, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  struct stat st;
  if (old_output_fd >= 0 && (fstat(old_output_fd, &st) < 0 || !S_ISREG(st.st_mode))) {
    close(old_output_fd);
    old_output_fd = -1;
  }
  int fd = mkstemp(temp_path);
  if (fd < 0) {
    error(ctx, "cannot create %s: %s", out, strerror(errno));
    return false;
  }
  have_temp = 1;
  /* Blocks are reserved up front: a full disk is then an error here, not a SIGBUS
   * while writing through the mapping. */
  int err = ctx->filesize > 0 ? posix_fallocate(fd, 0, ctx->filesize) : 0;
  if (err) {
    error(ctx, "cannot allocate %ld bytes for %s: %s", (long)ctx->filesize, out, strerror(err));
    close(fd);
    remove_temp_output();
    return false;
  }
  void *p = mmap(NULL, (size_t)MAX(ctx->filesize, 1), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (p == MAP_FAILED) {
    error(ctx, "cannot map %s: %s", out, strerror(errno));
    remove_temp_output();
    return false;
  }
  ctx->buf = p;
  ctx->tmp_output = temp_path;
  FileRangeVec pieces = ranges_to_populate(ctx);
  parallel_for(ctx, pieces.len, populate_task, pieces.data);
  free(pieces.data);
  return true;
}

/* Unmapping is single-threaded in munmap and at exit; MADV_DONTNEED, which only takes
 * the mapping lock for reading, drops the page tables of separate ranges at once.
 * The pages stay in the page cache: the output's are marked dirty, the inputs' can
 * be faulted in again if anything reads them. */
enum { RELEASE_CHUNK = 8 << 20 };

typedef struct ReleaseRange {
  const void *start;
  i64 len;
} ReleaseRange;

static void release_task(Ctx *ctx, i64 i, void *arg) {
  (void)ctx;
  ReleaseRange *r = &((ReleaseRange *)arg)[i];
  if (!r->start) {
    close(old_output_fd);
    old_output_fd = -1;
    return;
  }
  (void)madvise((void *)r->start, (size_t)r->len, MADV_DONTNEED);
}

typedef VEC(ReleaseRange) ReleaseRangeVec;

static void add_release_ranges(ReleaseRangeVec *v, const void *start, i64 len) {
  for (i64 off = 0; off < len; off += RELEASE_CHUNK)
    vec_push(v, ((ReleaseRange){(const u8 *)start + off, MIN((i64)RELEASE_CHUNK, len - off)}));
}

static void release_output_mapping(Ctx *ctx) {
  ReleaseRangeVec v = {0};
  add_release_ranges(&v, ctx->buf, ctx->filesize);
  parallel_for(ctx, v.len, release_task, v.data);
  free(v.data);
}

/* After the rename: the replaced output is closed (freeing its page cache) while
 * the inputs' page tables are dropped, so that exit has little left to undo. */
static void release_inputs(Ctx *ctx) {
  ReleaseRangeVec v = {0};
  if (old_output_fd >= 0)
    vec_push(&v, ((ReleaseRange){NULL, 0}));
  for (i64 i = 0; i < ctx->mappings.len; i++)
    if (ctx->mappings.data[i]->data)
      add_release_ranges(&v, ctx->mappings.data[i]->data, ctx->mappings.data[i]->size);
  parallel_for(ctx, v.len, release_task, v.data);
  free(v.data);
}

int commit_output(Ctx *ctx) {
  if (checkpoint(ctx)) {
    munmap(ctx->buf, (size_t)MAX(ctx->filesize, 1));
    ctx->buf = NULL;
    remove_temp_output();
    return 1;
  }
  release_output_mapping(ctx);
  if (munmap(ctx->buf, (size_t)MAX(ctx->filesize, 1)) < 0) {
    error(ctx, "cannot write %s: %s", ctx->opt.output, strerror(errno));
    checkpoint(ctx);
    remove_temp_output();
    return 1;
  }
  /* Executables get 0777 & ~umask, as with any file a compiler driver creates. */
  mode_t mask = umask(0);
  umask(mask);
  chmod(temp_path, 0777 & ~mask);
  if (rename(temp_path, ctx->opt.output) < 0) {
    error(ctx, "cannot create %s: %s", ctx->opt.output, strerror(errno));
    checkpoint(ctx);
    remove_temp_output();
    return 1;
  }
  have_temp = 0;
  release_inputs(ctx);
  return 0;
}

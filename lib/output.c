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
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char temp_path[4096];
/* -o names an existing device, FIFO or socket (as /dev/null in build systems' probes):
 * the image is built in memory and written into it, which GNU ld and lld do too;
 * renaming a regular file over it would replace /dev/null for the whole machine. */
static int in_place_fd = -1;
static volatile sig_atomic_t have_temp;
/* The output being replaced, held open so that the rename does not free its page
 * cache on the way out; it is closed while the mappings are released. -1: none. */
static int old_output_fd = -1;

/* A second output written beside the first (--separate-debug-file), by the same rule:
 * a temporary file renamed into place, removed on error or signal. */
static char side_temp_path[4096];
static volatile sig_atomic_t have_side_temp;

void remove_temp_output(void) {
  if (have_temp) {
    unlink(temp_path);
    have_temp = 0;
  }
  if (have_side_temp) {
    unlink(side_temp_path);
    have_side_temp = 0;
  }
}

static void on_signal(int sig) {
  if (have_temp)
    unlink(temp_path);
  if (have_side_temp)
    unlink(side_temp_path);
  signal(sig, SIG_DFL);
  raise(sig);
}

/* Only the bytes the link writes take disk blocks: alignment padding and gaps
 * between chunks (a non-allocated section's large alignment, a huge-aligned input
 * section) stay holes, so an input cannot make the output reserve space its contents
 * do not fill. Those byte ranges are reserved with posix_fallocate (a full disk is then
 * an error here, not a SIGBUS while writing through the mapping) and populated before
 * they are written, on all threads, a piece at a time: one MADV_POPULATE_WRITE (Linux
 * 5.14) allocates a piece's page cache without a page-fault exception per 4 KiB page,
 * which the writes would otherwise take (no fault-around for writes to a shared
 * mapping). LLVM links measured 4-5% faster. Where the kernel lacks it, the call fails
 * and the writes fault as before. */
enum { POPULATE_CHUNK = 4 << 20, HOLE_MIN = 4096 };

typedef struct FileRange {
  i64 off, len;
} FileRange;

typedef VEC(FileRange) FileRangeVec;

static int compare_offsets(const void *a, const void *b) {
  const FileRange *x = a, *y = b;
  return (x->off > y->off) - (x->off < y->off);
}

/* An output section whose members are aligned beyond a page may have holes inside:
 * its members' ranges are listed instead of the whole section. */
static void add_chunk_ranges(FileRangeVec *v, Chunk *c) {
  if (c->shdr.sh_type == SHT_NOBITS || c->shdr.sh_size == 0)
    return;
  i64 off = (i64)c->shdr.sh_offset;
  if (c->kind != CK_OSEC || c->shdr.sh_addralign <= HOLE_MIN || c->members.len == 0) {
    vec_push(v, ((FileRange){off, (i64)c->shdr.sh_size}));
    return;
  }
  for (i64 i = 0; i < c->members.len; i++) {
    InputSection *isec = c->members.data[i];
    if (isec->type != SHT_NOBITS && isec->size > 0)
      vec_push(v, ((FileRange){off + (i64)isec->offset, (i64)isec->size}));
  }
}

/* The written ranges, sorted, with gaps under a page joined (a block is allocated
 * whole anyway). */
static FileRangeVec written_ranges(Ctx *ctx) {
  FileRangeVec filled = {0}, merged = {0};
  for (i64 i = 0; i < ctx->chunks.len; i++)
    add_chunk_ranges(&filled, ctx->chunks.data[i]);
  if (filled.len)
    qsort(filled.data, (size_t)filled.len, sizeof(FileRange), compare_offsets);
  for (i64 i = 0; i < filled.len;) {
    i64 begin = filled.data[i].off, end = begin + filled.data[i].len;
    for (i++; i < filled.len && filled.data[i].off - end < HOLE_MIN; i++)
      end = MAX(end, filled.data[i].off + filled.data[i].len);
    vec_push(&merged, ((FileRange){begin, MIN(end, ctx->filesize) - begin}));
  }
  free(filled.data);
  return merged;
}

static FileRangeVec populate_pieces(const FileRangeVec *ranges) {
  FileRangeVec pieces = {0};
  for (i64 i = 0; i < ranges->len; i++) {
    i64 end = ranges->data[i].off + ranges->data[i].len;
    for (i64 off = ranges->data[i].off; off < end; off += POPULATE_CHUNK)
      vec_push(&pieces, ((FileRange){off, MIN((i64)POPULATE_CHUNK, end - off)}));
  }
  return pieces;
}

static void populate_task(Ctx *ctx, i64 i, void *arg) {
  FileRange *r = &((FileRange *)arg)[i];
  populate_for_writing(ctx->buf + r->off, r->len);
}

/* A write or reservation failure, in words that say what to do: EFBIG is the
 * file-size limit (ulimit -f) that build farms set. */
static void report_output_error(Ctx *ctx, const char *what, int err) {
  struct rlimit lim;
  if (err == EFBIG && getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
    error(ctx,
          "cannot write %s: the output is %ld bytes, over the file-size limit of %lu bytes "
          "(ulimit -f)",
          ctx->opt.output, (long)ctx->filesize, (unsigned long)lim.rlim_cur);
  else
    error(ctx, "cannot %s %s (%ld bytes): %s", what, ctx->opt.output, (long)ctx->filesize,
          strerror(err));
}

static bool reserve_output(Ctx *ctx, int fd, const FileRangeVec *ranges) {
  if (ftruncate(fd, ctx->filesize) < 0) {
    report_output_error(ctx, "create", errno);
    return false;
  }
  for (i64 i = 0; i < ranges->len; i++) {
    int err = posix_fallocate(fd, ranges->data[i].off, ranges->data[i].len);
    if (err) {
      report_output_error(ctx, "allocate space for", err);
      return false;
    }
    ctx->reserved_bytes += ranges->data[i].len;
  }
  return true;
}

static bool is_special_file(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode) &&
         !S_ISDIR(st.st_mode);
}

static bool open_in_place(Ctx *ctx) {
  in_place_fd = open(ctx->opt.output, O_WRONLY | O_CLOEXEC);
  if (in_place_fd < 0) {
    error(ctx, "cannot open %s: %s", ctx->opt.output, strerror(errno));
    return false;
  }
  void *p = mmap(NULL, (size_t)MAX(ctx->filesize, 1), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    error(ctx, "cannot allocate %ld bytes for %s: %s", (long)ctx->filesize, ctx->opt.output,
          strerror(errno));
    close(in_place_fd);
    in_place_fd = -1;
    return false;
  }
  ctx->buf = p;
  return true;
}

static bool write_in_place(Ctx *ctx) {
  signal(SIGPIPE, SIG_IGN);
  for (i64 done = 0; done < ctx->filesize;) {
    ssize_t n = write(in_place_fd, ctx->buf + done, (size_t)(ctx->filesize - done));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      report_output_error(ctx, "write", n < 0 ? errno : EIO);
      return false;
    }
    done += n;
  }
  return true;
}

bool open_output(Ctx *ctx) {
  const char *out = ctx->opt.output;
  if (is_special_file(out))
    return open_in_place(ctx);
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
  /* Past the file-size limit a write fails with EFBIG, reported like any other. */
  signal(SIGXFSZ, SIG_IGN);
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
  FileRangeVec ranges = written_ranges(ctx);
  if (!reserve_output(ctx, fd, &ranges)) {
    free(ranges.data);
    close(fd);
    remove_temp_output();
    return false;
  }
  void *p = mmap(NULL, (size_t)MAX(ctx->filesize, 1), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (p == MAP_FAILED) {
    error(ctx, "cannot map %s: %s", out, strerror(errno));
    free(ranges.data);
    remove_temp_output();
    return false;
  }
  ctx->buf = p;
  ctx->tmp_output = temp_path;
  FileRangeVec pieces = populate_pieces(&ranges);
  parallel_for(ctx, pieces.len, populate_task, pieces.data);
  free(pieces.data);
  free(ranges.data);
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
  if (in_place_fd >= 0) {
    bool ok = !checkpoint(ctx) && write_in_place(ctx);
    close(in_place_fd);
    in_place_fd = -1;
    if (!ok)
      checkpoint(ctx);
    return ok ? 0 : 1;
  }
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
  /* Linked images get 0777 & ~umask, as with any file a compiler driver creates; an
   * object (-r) is data: 0666 & ~umask, as GNU ld leaves it. */
  mode_t mask = umask(0);
  umask(mask);
  chmod(temp_path, (ctx->opt.relocatable ? 0666 : 0777) & ~mask);
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

/* The temporary file beside path, made to hold size bytes and mapped at out->buf. */
bool open_side_output(Ctx *ctx, SideOutput *out) {
  const char *slash = strrchr(out->path, '/');
  int dirlen = slash ? (int)(slash - out->path + 1) : 0;
  if (snprintf(side_temp_path, sizeof side_temp_path, "%.*s.%s.rivet-XXXXXX", dirlen, out->path,
               slash ? slash + 1 : out->path) >= (int)sizeof side_temp_path) {
    error(ctx, "output path is too long: %s", out->path);
    return false;
  }
  int fd = mkstemp(side_temp_path);
  if (fd < 0) {
    error(ctx, "cannot create %s: %s", out->path, strerror(errno));
    return false;
  }
  have_side_temp = 1;
  int err = ftruncate(fd, out->size) < 0 ? errno : posix_fallocate(fd, 0, MAX(out->size, 1));
  void *p = err ? MAP_FAILED
                : mmap(NULL, (size_t)MAX(out->size, 1), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (!err && p == MAP_FAILED)
    err = errno;
  close(fd);
  if (err) {
    error(ctx, "cannot create %s (%ld bytes): %s", out->path, (long)out->size, strerror(err));
    unlink(side_temp_path);
    have_side_temp = 0;
    return false;
  }
  out->buf = p;
  return true;
}

/* Renamed into place with 0666 & ~umask, as for any data file; on failure removed. */
bool commit_side_output(Ctx *ctx, SideOutput *out) {
  bool ok = munmap(out->buf, (size_t)MAX(out->size, 1)) == 0;
  out->buf = NULL;
  mode_t mask = umask(0);
  umask(mask);
  if (ok) {
    chmod(side_temp_path, 0666 & ~mask);
    ok = rename(side_temp_path, out->path) == 0;
  }
  if (!ok) {
    error(ctx, "cannot create %s: %s", out->path, strerror(errno));
    unlink(side_temp_path);
  }
  have_side_temp = 0;
  return ok;
}

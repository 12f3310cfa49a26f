/* The output file is written through an mmap of a temporary file in the same
 * directory, and renamed over the real name only when the link has succeeded, so a
 * build system never sees a half-written output. On error, SIGINT, SIGTERM or SIGHUP
 * the temporary file is removed. Building the image in anonymous huge-page memory and
 * writing it with one pwrite was tried and measured slower on large links: the
 * kernel then allocates the file's page cache on one thread, under the inode lock,
 * where faults through the mapping are taken by all the writing threads at once.
 *
 * Relinking an executable over an existing one reuses it (mold does the same): the old
 * file is renamed to the temporary name and written in place, so that its page cache is
 * kept instead of freed, and new pages allocated and zeroed again, which costs more
 * than the writes on a large output. Only where nothing can be running the file
 * unprotected: not a shared object (a process that maps it would see the writes), not
 * -r output, and only on kernels that refuse to open a running program for writing
 * (ETXTBSY; Linux 6.11 and 6.12 did not). The bytes no writer writes are zeroed (or
 * punched out) first, so the output is byte for byte the one a new file would hold. */
#include "rivet.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
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

/* A shared file mapping advised MADV_HUGEPAGE gets its page cache in 2 MiB folios
 * where the filesystem supports large folios (xfs; ext4 in recent kernels; tmpfs as
 * its huge= setting allows): a fault fills a folio instead of a 4 KiB page, and
 * readahead does not ramp up from small ones. Populating and writing a fresh 8 MiB
 * file took 1.5 ms instead of 9 ms on ext4, a 126 MiB one 29 ms instead of 39 ms.
 * A folio is written back whole once any byte of it is written, so only the 2 MiB
 * blocks inside written ranges are advised: padding stays holes. */
enum { LARGE_FOLIO = 2 << 20 };

static void advise_large_page_cache_folios(u8 *buf, i64 off, i64 len) {
  u64 begin = align_to((u64)off, LARGE_FOLIO), end = (u64)(off + len) & ~(u64)(LARGE_FOLIO - 1);
  if (end > begin)
    (void)madvise(buf + begin, (size_t)(end - begin), MADV_HUGEPAGE);
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

/* Whether an open for writing of a running program fails with ETXTBSY here: Linux
 * always did, except 6.11 and 6.12. */
static bool kernel_protects_running_programs(void) {
  struct utsname u;
  int major = 0, minor = 0;
  if (uname(&u) < 0 || strcmp(u.sysname, "Linux") ||
      sscanf(u.release, "%d.%d", &major, &minor) != 2)
    return false;
  return !(major == 6 && (minor == 11 || minor == 12));
}

/* The existing output, opened for writing where it may be reused; -1 where not. */
static int open_reusable_output(Ctx *ctx, const char *out) {
  if (ctx->opt.relocatable || ctx->opt.kind == OUT_SHARED || !kernel_protects_running_programs())
    return -1;
  struct stat before, st;
  if (lstat(out, &before) < 0 || !S_ISREG(before.st_mode) || before.st_nlink != 1 ||
      before.st_uid != geteuid())
    return -1;
  /* A running program: ETXTBSY. A file we may not write: EACCES. Both get a new file. */
  int fd = open(out, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return -1;
  if (fstat(fd, &st) < 0 || st.st_ino != before.st_ino || st.st_dev != before.st_dev ||
      st.st_nlink != 1) {
    close(fd);
    return -1;
  }
  return fd;
}

/* Zeroes [off, off + len) of the output. Padding (can_punch) is punched out where it
 * spans whole pages, so that it reads as zeros and takes no disk, as in a new file;
 * the rest is cleared in place (a punched page the writers then write would be
 * allocated and zeroed again, the cost reuse avoids). */
static void zero_output_range(Ctx *ctx, int fd, i64 off, i64 len, bool can_punch) {
  i64 first_page = (i64)align_to((u64)off, 4096), end_page = (off + len) & ~(i64)4095;
  if (can_punch && end_page - first_page >= 2 * 4096 &&
      fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, first_page,
                end_page - first_page) == 0) {
    memset(ctx->buf + off, 0, (size_t)(first_page - off));
    memset(ctx->buf + end_page, 0, (size_t)(off + len - end_page));
    return;
  }
  memset(ctx->buf + off, 0, (size_t)len);
}

/* One piece of the zeroing: a byte range, or the gaps between an output section's
 * copied input sections. */
typedef struct ZeroPiece {
  Chunk *chunk;    /* the gaps of members [first, end) of this output section */
  i64 first, end;  /*   (from the first's offset to the next one's) */
  i64 off, len;    /* without chunk: this range */
  bool is_padding; /* between chunks: nothing writes it */
} ZeroPiece;

/* A large output section's gaps are cleared in pieces of this many members:
 * llvm-pie's .text, 200,000 members, was one piece that ran alone. */
enum { ZERO_PIECE_MEMBERS = 8192 };

typedef struct ZeroJob {
  int fd;
  ZeroPiece *pieces;
} ZeroJob;

/* Input sections write_chunks copies whole; anything else in an output section (its
 * .eh_frame records, NOBITS members, alignment padding) counts as a gap. */
static bool is_copied_whole(const InputSection *isec) {
  return isec->type != SHT_NOBITS && !isec->eh_records && isec->size > 0;
}

static bool is_copied_section(const Chunk *c) {
  return c->kind == CK_OSEC && !c->blob;
}

/* Synthetic sections whose writers set every byte: .symtab and .strtab are sized and
 * written by one walk (symtab.c), .rela.dyn holds exactly the entries written. They
 * are most of what zeroing would clear in a large link (llvm-pie: 17 of 23 MB). */
static bool is_written_whole(const Chunk *c) {
  return c->kind == CK_SYMTAB || c->kind == CK_STRTAB || c->kind == CK_RELA_DYN;
}

static void zero_task(Ctx *ctx, i64 i, void *arg) {
  ZeroJob *job = arg;
  ZeroPiece *p = &job->pieces[i];
  if (!p->chunk) {
    zero_output_range(ctx, job->fd, p->off, p->len, p->is_padding);
    return;
  }
  /* Alignment padding and NOBITS members are written by nobody; an .eh_frame member
   * is written record by record, so it is cleared, not punched. */
  Chunk *c = p->chunk;
  i64 base = (i64)c->shdr.sh_offset;
  /* Members lie in offset order: a piece covers its own members and the gap after
   * them, up to where the next piece's first member begins. */
  i64 at = p->first == 0 ? 0 : (i64)c->members.data[p->first]->offset;
  i64 stop = p->end == c->members.len ? (i64)c->shdr.sh_size : (i64)c->members.data[p->end]->offset;
  for (i64 k = p->first; k < p->end; k++) {
    InputSection *isec = c->members.data[k];
    i64 off = (i64)isec->offset, end = off + (i64)isec->size;
    if (isec->size == 0 || end <= at)
      continue;
    if (off > at)
      zero_output_range(ctx, job->fd, base + at, off - at, true);
    if (!is_copied_whole(isec))
      zero_output_range(ctx, job->fd, base + MAX(off, at), end - MAX(off, at),
                        isec->type == SHT_NOBITS);
    at = end;
  }
  if (stop > at)
    zero_output_range(ctx, job->fd, base + at, stop - at, true);
}

static int compare_chunk_offsets(const void *a, const void *b) {
  const Chunk *x = *(Chunk *const *)a, *y = *(Chunk *const *)b;
  return (x->shdr.sh_offset > y->shdr.sh_offset) - (x->shdr.sh_offset < y->shdr.sh_offset);
}

/* A reused file holds the old output's bytes: every byte the writers will not write
 * is zeroed, on all threads, before any of them writes. */
static void zero_unwritten_bytes(Ctx *ctx, int fd) {
  VEC(Chunk *) in_file = {0};
  for (i64 i = 0; i < ctx->chunks.len; i++) {
    Chunk *c = ctx->chunks.data[i];
    if (c->shdr.sh_type != SHT_NOBITS && c->shdr.sh_size > 0 &&
        c->shdr.sh_offset + c->shdr.sh_size <= (u64)ctx->filesize)
      vec_push(&in_file, c);
  }
  if (in_file.len > 1)
    qsort(in_file.data, (size_t)in_file.len, sizeof(Chunk *), compare_chunk_offsets);
  VEC(ZeroPiece) pieces = {0};
  i64 at = 0;
  for (i64 i = 0; i < in_file.len; i++) {
    Chunk *c = in_file.data[i];
    i64 off = (i64)c->shdr.sh_offset, end = off + (i64)c->shdr.sh_size;
    if (off > at)
      vec_push(&pieces, ((ZeroPiece){.off = at, .len = off - at, .is_padding = true}));
    if (is_copied_section(c))
      for (i64 k = 0; k == 0 || k < c->members.len; k += ZERO_PIECE_MEMBERS)
        vec_push(&pieces,
                 ((ZeroPiece){
                     .chunk = c, .first = k, .end = MIN(k + ZERO_PIECE_MEMBERS, c->members.len)}));
    else if (!is_written_whole(c))
      for (i64 p = off; p < end; p += POPULATE_CHUNK)
        vec_push(&pieces, ((ZeroPiece){.off = p, .len = MIN((i64)POPULATE_CHUNK, end - p)}));
    at = MAX(at, end);
  }
  if (ctx->filesize > at)
    vec_push(&pieces, ((ZeroPiece){.off = at, .len = ctx->filesize - at, .is_padding = true}));
  ZeroJob job = {fd, pieces.data};
  parallel_for(ctx, pieces.len, zero_task, &job);
  free(pieces.data);
  free(in_file.data);
}

/* Renames the existing output to temp_path, a name mkstemp has just found free: the
 * file it made is removed first, because renaming over a file makes ext4 flush the
 * renamed one's dirty pages, the very pages reuse means to keep. RENAME_NOREPLACE
 * fails (and the output is not reused) if another process took the name meanwhile. */
static bool rename_to_unused_temp(const char *out) {
  int fd = mkstemp(temp_path);
  if (fd < 0)
    return false;
  close(fd);
  unlink(temp_path);
  return renameat2(AT_FDCWD, out, AT_FDCWD, temp_path, RENAME_NOREPLACE) == 0;
}

/* A reused file made the output's size: the written ranges reserved first with the
 * size kept, the size set last, so that a failure (disk full, the file-size limit)
 * leaves the old file's contents as they were; false then. */
static bool resize_reused_output(Ctx *ctx, int fd, const FileRangeVec *ranges) {
  struct rlimit lim;
  if (getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
      (u64)ctx->filesize > (u64)lim.rlim_cur)
    return false;
  i64 reserved = 0;
  for (i64 i = 0; i < ranges->len; i++) {
    if (fallocate(fd, FALLOC_FL_KEEP_SIZE, ranges->data[i].off, ranges->data[i].len) < 0)
      return false;
    reserved += ranges->data[i].len;
  }
  struct stat st;
  if (fstat(fd, &st) < 0 || (st.st_size != ctx->filesize && ftruncate(fd, ctx->filesize) < 0))
    return false;
  ctx->reserved_bytes += reserved;
  return true;
}

/* The temporary file at temp_path, the output's size with its written ranges reserved:
 * the existing output renamed there when it can be reused (*reused), else a new file;
 * -1 on error (reported). A reused file that cannot be resized goes back in place, and
 * a new file is tried (which reports the reason). */
static int create_temp_output(Ctx *ctx, const char *out, const FileRangeVec *ranges, bool *reused) {
  int old = open_reusable_output(ctx, out);
  char template[sizeof temp_path];
  memcpy(template, temp_path, sizeof temp_path);
  *reused = old >= 0 && rename_to_unused_temp(out);
  if (*reused) {
    have_temp = 1;
    if (resize_reused_output(ctx, old, ranges))
      return old;
    *reused = false;
    if (renameat2(AT_FDCWD, temp_path, AT_FDCWD, out, RENAME_NOREPLACE) == 0)
      have_temp = 0;
    else
      remove_temp_output();
  }
  memcpy(temp_path, template, sizeof temp_path); /* mkstemp filled in the XXXXXX */
  if (old >= 0)
    close(old);
  int fd = mkstemp(temp_path);
  if (fd < 0) {
    error(ctx, "cannot create %s: %s", out, strerror(errno));
    return -1;
  }
  have_temp = 1;
  if (!reserve_output(ctx, fd, ranges)) {
    close(fd);
    remove_temp_output();
    return -1;
  }
  return fd;
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
  FileRangeVec ranges = written_ranges(ctx);
  bool reused = false;
  int fd = create_temp_output(ctx, out, &ranges, &reused);
  if (fd < 0) {
    free(ranges.data);
    return false;
  }
  if (!reused) {
    old_output_fd = open(out, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (old_output_fd >= 0 && (fstat(old_output_fd, &st) < 0 || !S_ISREG(st.st_mode))) {
      close(old_output_fd);
      old_output_fd = -1;
    }
  }
  void *p = mmap(NULL, (size_t)MAX(ctx->filesize, 1), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) {
    error(ctx, "cannot map %s: %s", out, strerror(errno));
    close(fd);
    free(ranges.data);
    remove_temp_output();
    return false;
  }
  ctx->buf = p;
  ctx->tmp_output = temp_path;
  for (i64 i = 0; i < ranges.len; i++)
    advise_large_page_cache_folios(p, ranges.data[i].off, ranges.data[i].len);
  FileRangeVec pieces = populate_pieces(&ranges);
  parallel_for(ctx, pieces.len, populate_task, pieces.data);
  if (reused)
    zero_unwritten_bytes(ctx, fd);
  close(fd);
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

/* The output the link replaced, kept open so that its page cache is freed by the last
 * close, not by the rename: -1 if none or already closed. */
int replaced_output_fd(void) {
  return old_output_fd;
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
  /* Unmapped before the rename even under --fork: a writable mapping keeps the file open
   * for writing, and executing it would fail (ETXTBSY) until the memory is released. */
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
  /* Under --fork they are released after the exit, with the rest of the memory. */
  if (!ctx->opt.fork)
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
  advise_large_page_cache_folios(p, 0, out->size);
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

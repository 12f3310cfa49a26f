/* The output image is built in memory backed by huge pages and written with pwrite
 * to a temporary file in the same directory, which is renamed over the real name
 * only when the link has succeeded, so a build system never sees a half-written
 * output. On error, SIGINT, SIGTERM or SIGHUP the temporary file is removed.
 * Writing through a shared mapping of the file instead costs a page fault for every
 * few KiB of the output, which measured slower on large links than one pwrite. */
#include "rivet.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static char temp_path[4096];
static int temp_fd = -1;
static volatile sig_atomic_t have_temp;

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
  void *p = map_huge(MAX(ctx->filesize, 1));
  if (!p) {
    error(ctx, "out of memory for the %ld-byte image of %s", (long)ctx->filesize, out);
    close(fd);
    remove_temp_output();
    return false;
  }
  temp_fd = fd;
  ctx->buf = p;
  ctx->tmp_output = temp_path;
  return true;
}

static bool write_image(Ctx *ctx) {
  i64 done = 0;
  while (done < ctx->filesize) {
    ssize_t n = pwrite(temp_fd, ctx->buf + done, (size_t)(ctx->filesize - done), (off_t)done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      error(ctx, "cannot write %s: %s", ctx->opt.output, n < 0 ? strerror(errno) : "short write");
      return false;
    }
    done += n;
  }
  if (close(temp_fd) < 0) {
    temp_fd = -1;
    error(ctx, "cannot write %s: %s", ctx->opt.output, strerror(errno));
    return false;
  }
  temp_fd = -1;
  return true;
}

int commit_output(Ctx *ctx) {
  /* The image is not unmapped: the process exits right after (DESIGN.md sec. 10.1). */
  if (checkpoint(ctx) || !write_image(ctx)) {
    checkpoint(ctx);
    if (temp_fd >= 0)
      close(temp_fd);
    temp_fd = -1;
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
  return 0;
}

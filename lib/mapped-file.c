/* Inputs are mapped read-only and read where they lie; nothing is copied until
 * the output is written. */
#include "rivet.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

MappedFile *map_file(Ctx *ctx, const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  struct stat st;
  if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    errno = EISDIR;
    return NULL;
  }
  MappedFile *mf = ARENA_NEW(&ctx->arena, MappedFile);
  mf->path = arena_strdup(&ctx->arena, path);
  mf->size = st.st_size;
  if (st.st_size > 0) {
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      close(fd);
      return NULL;
    }
    mf->data = p;
    vec_push(&ctx->mappings, mf);
  } else {
    mf->data = (const u8 *)"";
  }
  close(fd);
  return mf;
}

MappedFile *map_file_or_error(Ctx *ctx, const char *path) {
  MappedFile *mf = map_file(ctx, path);
  if (!mf)
    error(ctx, "cannot open %s: %s", path, strerror(errno));
  return mf;
}

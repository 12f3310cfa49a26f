/* Bump allocation. Everything the link allocates per file, section or symbol comes
 * from here and is released wholesale when the process exits. */
#include "rivet.h"

#include <stdarg.h>
#include <stdlib.h>

struct ArenaBlock {
  ArenaBlock *prev;
};

enum { ARENA_BLOCK_SIZE = 1 << 20 };

void *arena_alloc(Arena *a, i64 size, i64 align) {
  if (size < 0) {
    fputs("ld.rivet: error: allocation size overflow\n", stderr);
    exit(1);
  }
  u8 *p = (u8 *)align_to((u64)(uintptr_t)a->cur, (u64)align);
  if (!a->cur || p + size > a->end) {
    i64 block = MAX((i64)ARENA_BLOCK_SIZE, size + align + (i64)sizeof(ArenaBlock));
    /* calloc: large blocks come zeroed from mmap without touching every page. */
    ArenaBlock *b = calloc(1, (size_t)block);
    if (!b) {
      fputs("ld.rivet: error: out of memory\n", stderr);
      exit(1);
    }
    b->prev = a->head;
    a->head = b;
    a->cur = (u8 *)(b + 1);
    a->end = (u8 *)b + block;
    p = (u8 *)align_to((u64)(uintptr_t)a->cur, (u64)align);
  }
  a->cur = p + size;
  return p;
}

void arena_free(Arena *a) {
  for (ArenaBlock *b = a->head, *prev; b; b = prev) {
    prev = b->prev;
    free(b);
  }
  a->head = NULL;
  a->cur = a->end = NULL;
}

char *arena_strdup(Arena *a, const char *s) {
  i64 n = (i64)strlen(s) + 1;
  char *p = arena_alloc(a, n, 1);
  memcpy(p, s, (size_t)n);
  return p;
}

char *arena_sprintf(Arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *p = arena_alloc(a, n + 1, 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void vec_grow(void *data_ptr, i64 *cap, i64 need, i64 elem_size) {
  i64 ncap = MAX(*cap * 2, MAX(need, 8));
  void **data = data_ptr;
  void *p = realloc(*data, (size_t)(ncap * elem_size));
  if (!p) {
    fputs("ld.rivet: error: out of memory\n", stderr);
    exit(1);
  }
  *data = p;
  *cap = ncap;
}

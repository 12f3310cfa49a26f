/* Bump allocation. Everything the link allocates per file, section or symbol comes
 * from here and is released wholesale when the process exits. */
#include "rivet.h"

#include <stdarg.h>
#include <stdlib.h>
#include <sys/mman.h>

struct ArenaBlock {
  ArenaBlock *prev;
  i64 size; /* bytes, this header included */
};

/* Blocks are reserved 8 MiB at a time and backed by transparent huge pages from the
 * first: a page is only allocated when touched, so a small link still uses little
 * memory (one 2 MiB page per arena it allocates from), and the python links measured
 * 6-13% faster than with 1 MiB blocks of 4 KiB pages, whose faults cost more than
 * zeroing a whole huge page. */
enum {
  ARENA_BLOCK_SIZE = 8 << 20,
  HUGE_PAGE_SIZE = 2 << 20,
};

/* First touches of fresh memory are most of a large link's system time: a fault per
 * 4 KiB page. With THP in "madvise" mode (Debian's default) a region advised
 * MADV_HUGEPAGE takes one fault per 2 MiB instead; only its 2 MiB-aligned interior
 * can be backed that way. */
void advise_huge_pages(void *p, i64 size) {
  u64 begin = align_to((u64)(uintptr_t)p, HUGE_PAGE_SIZE);
  u64 end = ((u64)(uintptr_t)p + (u64)size) & ~(u64)(HUGE_PAGE_SIZE - 1);
  if (end > begin)
    (void)madvise((void *)(uintptr_t)begin, (size_t)(end - begin), MADV_HUGEPAGE);
}

/* Zero-filled memory, 2 MiB-aligned, advised for huge pages. */
static void *map_huge(i64 size) {
  size_t len = (size_t)align_to((u64)size, HUGE_PAGE_SIZE);
  u8 *p =
      mmap(NULL, len + HUGE_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  u8 *aligned = (u8 *)(uintptr_t)align_to((u64)(uintptr_t)p, HUGE_PAGE_SIZE);
  if (aligned > p)
    munmap(p, (size_t)(aligned - p));
  if (aligned + len < p + len + HUGE_PAGE_SIZE)
    munmap(aligned + len, (size_t)(p + len + HUGE_PAGE_SIZE - (aligned + len)));
  advise_huge_pages(aligned, (i64)len);
  return aligned;
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

void populate_for_writing(void *p, i64 size) {
  u64 begin = (u64)(uintptr_t)p & ~(u64)4095;
  u64 end = align_to((u64)(uintptr_t)p + (u64)size, 4096);
  if (size > 0)
    (void)madvise((void *)(uintptr_t)begin, (size_t)(end - begin), MADV_POPULATE_WRITE);
}

void *alloc_zeroed(i64 size) {
  return size >= HUGE_PAGE_SIZE ? map_huge(size) : calloc(1, (size_t)MAX(size, 1));
}

void free_zeroed(void *p, i64 size) {
  if (p && size >= HUGE_PAGE_SIZE)
    munmap(p, (size_t)align_to((u64)size, HUGE_PAGE_SIZE));
  else
    free(p);
}

static ArenaBlock *new_block(Arena *a, i64 need) {
  i64 size = (i64)align_to((u64)MAX((i64)ARENA_BLOCK_SIZE, need), HUGE_PAGE_SIZE);
  ArenaBlock *b = map_huge(size);
  if (!b) {
    fputs("ld.rivet: error: out of memory\n", stderr);
    exit(1);
  }
  b->size = size;
  return b;
}

void *arena_alloc(Arena *a, i64 size, i64 align) {
  if (size < 0) {
    fputs("ld.rivet: error: allocation size overflow\n", stderr);
    exit(1);
  }
  u8 *p = (u8 *)align_to((u64)(uintptr_t)a->cur, (u64)align);
  if (!a->cur || p + size > a->end) {
    ArenaBlock *b = new_block(a, size + align + (i64)sizeof(ArenaBlock));
    b->prev = a->head;
    a->head = b;
    a->cur = (u8 *)(b + 1);
    a->end = (u8 *)b + b->size;
    p = (u8 *)align_to((u64)(uintptr_t)a->cur, (u64)align);
  }
  a->cur = p + size;
  return p;
}

void arena_free(Arena *a) {
  for (ArenaBlock *b = a->head, *prev; b; b = prev) {
    prev = b->prev;
    munmap(b, (size_t)b->size);
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
  /* Large vectors are mmap'd by malloc; the advice carries across later mremaps. */
  if (ncap * elem_size >= 4 * HUGE_PAGE_SIZE)
    advise_huge_pages(p, ncap * elem_size);
}

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

typedef struct PopulateJob {
  u64 begin, end; /* the range; work item i is its part in the i-th piece */
  u64 piece;      /* a power of two */
} PopulateJob;

static void populate_piece_task(Ctx *ctx, i64 i, void *arg) {
  (void)ctx;
  const PopulateJob *job = arg;
  u64 start = (job->begin & ~(job->piece - 1)) + (u64)i * job->piece;
  u64 from = MAX(start, job->begin), to = MIN(start + job->piece, job->end);
  populate_for_writing((void *)(uintptr_t)from, (i64)(to - from));
}

/* A range too small to hold a huge page is made present in pieces of this size. */
enum { POPULATE_SMALL_PIECE = 256 << 10 };

/* The same, a huge page per work item: zeroing fresh pages is most of the cost, and it
 * would otherwise run on one thread. Smaller ranges have no huge page whose zeroing two
 * threads would contend for: smaller pieces. */
void populate_for_writing_in_parallel(Ctx *ctx, void *p, i64 size) {
  u64 piece = size > HUGE_PAGE_SIZE ? HUGE_PAGE_SIZE : POPULATE_SMALL_PIECE;
  if ((u64)size <= piece) {
    populate_for_writing(p, size);
    return;
  }
  PopulateJob job = {(u64)(uintptr_t)p, (u64)(uintptr_t)p + (u64)size, piece};
  u64 first = job.begin & ~(piece - 1);
  parallel_for(ctx, (i64)((job.end - first + piece - 1) / piece), populate_piece_task, &job);
}

/* From this size a table below 2 MiB is mapped and faulted in with one call: its
 * slots are touched at random, so every page would fault anyway, and a fault
 * exception costs ten times more than a page made present by MADV_POPULATE_WRITE
 * (measured 11 us against 0.7 us per page in this project's VMs). */
enum { POPULATED_TABLE_MIN = 64 << 10 };

static void *map_populated(i64 size) {
  size_t len = (size_t)align_to((u64)size, 4096);
  void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  populate_for_writing(p, (i64)len);
  return p;
}

void *alloc_zeroed(i64 size) {
  if (size >= HUGE_PAGE_SIZE)
    return map_huge(size);
  if (size >= POPULATED_TABLE_MIN)
    return map_populated(size);
  return calloc(1, (size_t)MAX(size, 1));
}

void free_zeroed(void *p, i64 size) {
  if (p && size >= HUGE_PAGE_SIZE)
    munmap(p, (size_t)align_to((u64)size, HUGE_PAGE_SIZE));
  else if (p && size >= POPULATED_TABLE_MIN)
    munmap(p, (size_t)align_to((u64)size, 4096));
  else
    free(p);
}

/* Allocation here has no Ctx to report through. */
static _Noreturn void exit_out_of_memory(void) {
  fputs("ld.rivet: error: out of memory\n", stderr);
  exit(1);
}

static ArenaBlock *new_block(Arena *a, i64 need) {
  i64 size = (i64)align_to((u64)MAX((i64)ARENA_BLOCK_SIZE, need), HUGE_PAGE_SIZE);
  ArenaBlock *b = map_huge(size);
  if (!b)
    exit_out_of_memory();
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

/* The first n bytes of s, NUL-terminated: the name before a "@VERSION", say. */
char *arena_strndup(Arena *a, const char *s, i64 n) {
  char *p = arena_alloc(a, n + 1, 1);
  memcpy(p, s, (size_t)n);
  p[n] = 0;
  return p;
}

char *arena_versioned_name(Arena *a, const char *name, const char *at, const char *version) {
  size_t n = strlen(name), m = strlen(at), v = strlen(version);
  char *p = arena_alloc(a, (i64)(n + m + v + 1), 1);
  memcpy(p, name, n);
  memcpy(p + n, at, m);
  memcpy(p + n + m, version, v + 1);
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

/* malloc'd memory whose pages are made present with one call: the caller is about
 * to write all of it (see POPULATED_TABLE_MIN). Freed with free(). */
static void *malloc_present(i64 size, i64 present) {
  void *p = malloc((size_t)MAX(size, 1));
  if (!p)
    exit_out_of_memory();
  if (size >= 4 * HUGE_PAGE_SIZE)
    advise_huge_pages(p, size);
  if (size >= POPULATED_TABLE_MIN)
    populate_for_writing(p, present);
  return p;
}

void *calloc_present(i64 n, i64 size) {
  void *p = malloc_present(n * size, n * size);
  memset(p, 0, (size_t)MAX(n * size, 1));
  return p;
}

/* For a vector whose new room parallel tasks fill: its pages are left untouched, so
 * that their first touch, which costs, happens on the writing threads. Its first len
 * elements are kept. */
void vec_grow_for_parallel_fill(void *data_ptr, i64 len, i64 *cap, i64 need, i64 elem_size) {
  if (need <= *cap)
    return;
  i64 bytes = MAX(need, 8) * elem_size;
  void **data = data_ptr;
  void *p = malloc((size_t)bytes);
  if (!p)
    exit_out_of_memory();
  if (bytes >= 4 * HUGE_PAGE_SIZE)
    advise_huge_pages(p, bytes);
  if (*data && len > 0)
    memcpy(p, *data, (size_t)(len * elem_size));
  free(*data);
  *data = p;
  *cap = MAX(need, 8);
}

void vec_grow(void *data_ptr, i64 *cap, i64 need, i64 elem_size) {
  i64 ncap = MAX(*cap * 2, MAX(need, 8));
  i64 bytes = ncap * elem_size;
  void **data = data_ptr;
  if (bytes < POPULATED_TABLE_MIN) {
    void *p = realloc(*data, (size_t)bytes);
    if (!p)
      exit_out_of_memory();
    *data = p;
  } else {
    /* Copied by hand into a block made present first: realloc's copy would take a
     * fault exception per page, and the vector fills the rest as it grows. */
    i64 old_bytes = *cap * elem_size;
    void *p = malloc_present(bytes, old_bytes + (bytes - old_bytes) / 2);
    if (*data)
      memcpy(p, *data, (size_t)old_bytes);
    free(*data);
    *data = p;
  }
  *cap = ncap;
}

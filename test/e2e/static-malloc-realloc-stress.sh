#!/usr/bin/env bash
# glibc's malloc in a static program: many malloc/calloc/realloc/free calls of small and
# mmap-sized blocks, each block filled with a pattern and checked before it is resized
# or freed. Exercises libc.a's allocator, its TLS tcache and the brk/mmap paths, which
# go wrong when .tbss/.bss layout or IRELATIVE'd memcpy/memset are wrong.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >stress.c <<'EOF'
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 2048
static unsigned char *ptr[SLOTS];
static size_t len[SLOTS];
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static size_t pick_size(void) {
  uint64_t r = next() % 1000;
  if (r < 5) return 200000 + next() % 300000; /* mmap threshold and above */
  if (r < 100) return 1024 + next() % 8192;
  return 1 + next() % 256;
}

static void fill(unsigned i) {
  for (size_t k = 0; k < len[i]; k++) ptr[i][k] = (unsigned char)(i * 31 + k);
}

static int check(unsigned i, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (ptr[i][k] != (unsigned char)(i * 31 + k)) return 1;
  return 0;
}

int main(void) {
  long mallocs = 0, callocs = 0, reallocs = 0, frees = 0, failures = 0;
  uint64_t checksum = 0;
  for (int iter = 0; iter < 150000; iter++) {
    unsigned i = (unsigned)(next() % SLOTS);
    if (!ptr[i]) {
      len[i] = pick_size();
      if (next() & 1) {
        ptr[i] = calloc(1, len[i]);
        callocs++;
        for (size_t k = 0; k < len[i]; k++) failures += ptr[i][k] != 0;
      } else {
        ptr[i] = malloc(len[i]);
        mallocs++;
      }
      if (!ptr[i]) { puts("allocation failed"); return 1; }
      fill(i);
    } else if (next() % 3 == 0) {
      size_t keep = len[i];
      size_t n = pick_size();
      unsigned char *p = realloc(ptr[i], n);
      if (!p) { puts("realloc failed"); return 1; }
      ptr[i] = p;
      failures += check(i, keep < n ? keep : n);
      len[i] = n;
      fill(i);
      reallocs++;
    } else {
      failures += check(i, len[i]);
      checksum += len[i];
      free(ptr[i]);
      ptr[i] = NULL;
      frees++;
    }
  }
  for (unsigned i = 0; i < SLOTS; i++) {
    if (ptr[i]) {
      failures += check(i, len[i]);
      checksum += len[i];
      free(ptr[i]);
    }
  }
  printf("mallocs=%ld callocs=%ld reallocs=%ld frees=%ld\n", mallocs, callocs, reallocs, frees);
  printf("checksum=%llu\n", (unsigned long long)checksum);
  printf("failures=%ld\n", failures);
  return failures != 0;
}
EOF
compile_c -O2 -o stress.o stress.c
link_both stress stress.o

run_both_and_compare stress
expect_status stress 0
grep -qx 'failures=0' stress.rivet.stdout ||
  fail "expected 'failures=0' from the rivet-linked program, got: $(cat stress.rivet.stdout)"
elflint_compare stress

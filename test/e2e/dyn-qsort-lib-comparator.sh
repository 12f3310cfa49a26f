#!/usr/bin/env bash
# Function pointers crossing modules in both directions: libc's qsort and bsearch call a
# comparator defined in a user library (the executable passes the library function's
# address), and a library routine calls a comparator defined in the executable. In
# -fno-pic -no-pie code the library function's address is a canonical PLT entry, which
# libc must be able to call. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
#include <stdlib.h>
#include <string.h>
int lib_cmp_desc(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }
int lib_cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
void lib_sort(int *v, size_t n, int (*cmp)(const void *, const void *)) { qsort(v, n, sizeof *v, cmp); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
int lib_cmp_desc(const void *, const void *);
int lib_cmp_str(const void *, const void *);
void lib_sort(int *, size_t, int (*)(const void *, const void *));
static int exe_cmp_mod(const void *a, const void *b) { return *(const int *)a % 10 - *(const int *)b % 10; }
int main(void) {
  int v[] = {5, 31, 12, 47, 3, 29, 18};
  size_t n = sizeof v / sizeof *v;
  qsort(v, n, sizeof *v, lib_cmp_desc);
  for (size_t i = 0; i < n; i++) printf("%d ", v[i]);
  int key = 29;
  int *hit = bsearch(&key, v, n, sizeof *v, lib_cmp_desc);
  printf("| found %d at %d\n", hit ? *hit : -1, hit ? (int)(hit - v) : -1);
  const char *words[] = {"pear", "apple", "fig", "banana"};
  qsort(words, 4, sizeof *words, lib_cmp_str);
  printf("%s %s %s %s\n", words[0], words[1], words[2], words[3]);
  lib_sort(v, n, exe_cmp_mod);
  for (size_t i = 0; i < n; i++) printf("%d ", v[i] % 10);
  printf("\n");
  return 0;
}
EOF2
build_shlib libcmp.so libcmp.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lcmp
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "47 31 29 18 12 5 3 | found 29 at 2
apple banana fig pear
1 2 3 5 7 8 9 "
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

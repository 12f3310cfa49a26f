#!/usr/bin/env bash
# Symbol interposition: the executable defines functions and a variable that a library
# also defines (default visibility) and uses itself. The executable's definitions come
# first in the loader's lookup scope, so the library's own calls and references must
# reach them -- which requires the linker to export from the executable every symbol
# that a linked shared object defines (as ld.bfd and lld do), not only those it leaves
# undefined. malloc/free are interposed too, and libc must use them. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int hook(int x) { return x + 1; }     /* the executable replaces this one */
int setting = 1;                       /* and this one */
int lib_use(int x) { return hook(x) * setting; }
EOF2
cat >main.c <<'EOF2'
#include <stddef.h>
#include <stdio.h>
#include <string.h>
int lib_use(int);
int hook(int x) { return x + 100; }
int setting = 3;
/* A tiny bump allocator replacing libc's malloc family for everyone. */
static char arena[1 << 20];
static size_t used;
static int my_mallocs;
void *malloc(size_t n) { my_mallocs++; void *p = arena + used; used += (n + 15) & ~(size_t)15; return p; }
void free(void *p) { (void)p; }
void *calloc(size_t a, size_t b) { void *p = malloc(a * b); memset(p, 0, a * b); return p; }
void *realloc(void *p, size_t n) { void *q = malloc(n); if (p) memcpy(q, p, n); return q; }
int main(void) {
  printf("lib_use(1) = %d\n", lib_use(1));
  char *d = strdup("libc allocates through the executable's malloc");
  printf("%s: %d\n", d, my_mallocs > 0 && d >= arena && d < arena + sizeof arena);
  return 0;
}
EOF2
build_shlib libhook.so libhook.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 -fno-builtin "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lhook
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "lib_use(1) = 303
libc allocates through the executable's malloc: 1"
  f=prog-$mode.rivet
  for s in hook setting malloc; do
    ndx=$(dynsym_field "$f" $s ndx)
    { [ -n "$ndx" ] && [ "$ndx" != UND ]; } || fail "$f: expected $s (also defined by a linked shared object) exported from the executable, got '$(dynsym "$f" | awk -v s=$s '$7 == s' || true)'"
  done
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

#!/usr/bin/env bash
# glibc's symbols are versioned, several with more than one version (e.g. memcpy has
# GLIBC_2.2.5 and GLIBC_2.14): each reference must be bound to the version ld.bfd picks
# -- the default (@@) one -- and each needed version listed once under libc.so.6 in
# .gnu.version_r. The program uses errno (a TLS-backed macro), getenv, strtol,
# malloc_usable_size, memcpy, realpath and qsort. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int main(void) {
  errno = 0;
  long v = strtol("99999999999999999999999", NULL, 10);
  printf("strtol overflow: %d erange=%d\n", v == LONG_MAX, errno == ERANGE);
  errno = 0;
  printf("strtol base16: %ld errno=%d\n", strtol("ff", NULL, 16), errno);
  printf("getenv: %s\n", getenv("RIVET_VERSION_TEST") ? getenv("RIVET_VERSION_TEST") : "(unset)");
  char *p = malloc(100);
  printf("usable>=100: %d\n", malloc_usable_size(p) >= 100);
  char src[32] = "versioned memcpy", dst[32];
  memcpy(dst, src, sizeof src);
  printf("%s\n", dst);
  char *rp = realpath("/", NULL);
  printf("realpath: %s\n", rp);
  int a[] = {3, 1, 2};
  qsort(a, 3, sizeof *a, cmp);
  printf("sorted %d%d%d\n", a[0], a[1], a[2]);
  free(rp);
  free(p);
  return 0;
}
EOF2
export RIVET_VERSION_TEST=present
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 -fno-builtin "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "strtol overflow: 1 erange=1
strtol base16: 255 errno=0
getenv: present
usable>=100: 1
versioned memcpy
realpath: /
sorted 123"
  f=prog-$mode.rivet
  for s in __errno_location getenv strtol malloc_usable_size memcpy realpath qsort; do
    want=$(dynsym_field prog-"$mode".bfd $s version)
    [ -n "$want" ] || fail "test setup: expected $s in .dynsym of prog-$mode.bfd"
    assert_eq "$(dynsym_field "$f" $s version)" "$want" "$f: version of $s in .dynsym (ld.bfd binds it to $want)"
  done
  assert_eq "$(dynsym_field "$f" memcpy version)" "@GLIBC_2.14" "$f: version of memcpy in .dynsym (the default memcpy@@GLIBC_2.14)"
  verneed=$(readelf -VW "$f" | sed -n '/\.gnu\.version_r/,$p')
  for v in GLIBC_2.2.5 GLIBC_2.14 GLIBC_2.3; do
    n=$(grep -c "Name: $v " <<<"$verneed" || true)
    assert_eq "$n" 1 "$f: times $v is listed in .gnu.version_r"
  done
  assert_eq "$(grep -c 'File: libc.so.6' <<<"$verneed" || true)" 1 "$f: libc.so.6 entries in .gnu.version_r"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

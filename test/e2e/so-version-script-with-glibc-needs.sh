#!/usr/bin/env bash
# A shared object that both defines versions (a version script: several nodes, one
# inheriting another, a .symver compat symbol) and needs versions (libc's malloc,
# stdout, stderr: GLIBC_2.2.5): its version needs must be numbered after its own
# definitions, in one index space. When they shared indexes, every reference to libc
# read as a reference to the library's own first version and the loader stopped with
# "symbol lookup error: ... undefined symbol: malloc, version LIBZ_1.0" (Debian's zlib,
# json-c and nettle test programs). Programs reference its functions and data, lazily
# and with -z now; every rivet/ld.bfd combination runs as the all-bfd one, and
# readelf -V of rivet's library shows no index defined twice.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int lib_counter = 5;
const char *lib_name = "libz-like";
char *z_dup(const char *s) {
  char *p = malloc(strlen(s) + 1);
  strcpy(p, s);
  fprintf(stdout, "z_dup(%s)\n", s);
  return p;
}
int z_add(int a, int b) { return a + b + lib_counter; }
void z_warn(const char *m) { fprintf(stderr, "warning: %s\n", m); }
__asm__(".symver z_old_impl, z_old@LIBZ_1.0");
__asm__(".symver z_new_impl, z_old@@LIBZ_2.0");
int z_old_impl(int x) { return x + 1; }
int z_new_impl(int x) { return x * 10; }
EOF2
cat >lib.map <<'EOF2'
LIBZ_1.0 { global: z_dup; z_add; z_old; lib_counter; local: *; };
LIBZ_1.1 { global: z_warn; } LIBZ_1.0;
LIBZ_2.0 { global: z_old; lib_name; } LIBZ_1.1;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
extern int lib_counter;
extern const char *lib_name;
char *z_dup(const char *);
int z_add(int, int);
void z_warn(const char *);
int z_old(int);
int main(void) {
  char *s = z_dup("hello");
  lib_counter += 2;
  printf("%s %d %d %s\n", s, z_add(1, 2), z_old(4), lib_name);
  z_warn("done");
  free(s);
  return 0;
}
EOF2
compile_c -O1 -fPIC -o main.o main.c
so_link_both libz.so -Wl,-soname,libz.so.1 lib.c -Wl,--version-script=lib.map
ln -sf libz.so rivet/libz.so.1
ln -sf libz.so bfd/libz.so.1

so_dlink_matrix prog main.o -lz
so_run_matrix prog
so_expect_stdout prog "z_dup(hello)
hello 10 40 libz-like"
so_dlink_matrix prognow main.o -lz -Wl,-z,now
so_run_matrix prognow
so_expect_stdout prognow "z_dup(hello)
hello 10 40 libz-like"
assert_eq "$(cat prog.rivet-rivet.stderr)" "warning: done" "stderr of prog.rivet-rivet"

lib=rivet/libz.so
versions=$(readelf -VW "$lib")
# Index of each definition and each need; none may repeat.
defs=$(awk '/Version definition section/ {d=1; next} /Version needs section/ {d=0} d && /Index:/ {for (i=1;i<=NF;i++) if ($i=="Index:") print $(i+1)}' <<<"$versions")
needs=$(awk '/Version needs section/ {n=1; next} n && /Name:/ {for (i=1;i<=NF;i++) if ($i=="Version:") print $(i+1)}' <<<"$versions")
[ -n "$needs" ] || fail "$lib: expected version needs (GLIBC_2.2.5), readelf -V shows:"$'\n'"$versions"
dups=$(printf '%s\n%s\n' "$defs" "$needs" | sort | uniq -d)
[ -z "$dups" ] || fail "$lib: version indexes used by both a definition and a need: $dups"$'\n'"$versions"
assert_eq "$(printf '%s\n' "$defs" | sort -n | tr '\n' ' ')" "1 2 3 4 " "$lib: indexes of the version definitions (base + 3 nodes)"
assert_eq "$(printf '%s\n' "$needs" | sort -n | head -1)" 5 "$lib: first version-need index (after the last definition)"
assert_eq "$(dynsym "$lib" | awk '$7 == "malloc" { print $8 }')" "@GLIBC_2.2.5" "$lib: version of the malloc reference"
assert_eq "$(dynsym "$lib" | awk '$7 == "stdout" { print $8 }')" "@GLIBC_2.2.5" "$lib: version of the stdout reference"
assert_eq "$(dynsym "$lib" | awk '$7 == "z_warn" { print $8 }')" "@@LIBZ_1.1" "$lib: version of z_warn"
assert_eq "$(dynsym "$lib" | awk '$7 == "z_old" { print $8 }' | sort | tr '\n' ' ')" "@@LIBZ_2.0 @LIBZ_1.0 " "$lib: versions of z_old"
so_elflint_compare libz.so

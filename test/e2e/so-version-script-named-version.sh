#!/usr/bin/env bash
# A named version node `LIBX_1.0 { global: x_*; local: *; };` versions the exported
# symbols: x_get@@LIBX_1.0 in .dynsym, .gnu.version_d holds the base entry (the soname)
# and LIBX_1.0, and an executable linked against the library records LIBX_1.0 in its
# .gnu.version_r and binds x_get@LIBX_1.0. dlvsym finds x_get in LIBX_1.0 and not in
# another version.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int x_value = 3;
int x_get(void) { return x_value * 11; }
int not_exported(void) { return 0; }
EOF2
cat >main.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
int x_get(void);
extern int x_value;
int main(void) {
  void *h = dlopen("libx.so.1", RTLD_NOW);
  printf("%d %d v1 %s v9 %s\n", x_get(), x_value, dlvsym(h, "x_get", "LIBX_1.0") ? "found" : "absent",
         dlvsym(h, "x_get", "LIBX_9.0") ? "found" : "absent");
  return 0;
}
EOF2
echo 'LIBX_1.0 { global: x_*; local: *; };' >lib.map
so_link_both libx.so -Wl,-soname,libx.so.1 -O1 lib.c -Wl,--version-script=lib.map
for side in rivet bfd; do ln -sf libx.so $side/libx.so.1; done
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx -ldl
so_run_matrix prog
so_expect_stdout prog "33 3 v1 found v9 absent"
lib=rivet/libx.so
assert_eq "$(dynsym_field $lib x_get version)" @@LIBX_1.0 "$lib: version of x_get in .dynsym"
assert_eq "$(dynsym_field $lib x_value version)" @@LIBX_1.0 "$lib: version of x_value in .dynsym"
assert_eq "$(dynsym_count $lib not_exported)" 0 "$lib: .dynsym entries for not_exported"
assert_eq "$(verdefs $lib | tr '\n' '|')" "BASE libx.so.1|none LIBX_1.0|" "$lib: .gnu.version_d entries (flags name parents)"
for pair in rivet-bfd rivet-rivet; do
  assert_eq "$(dynsym_field prog.$pair x_get version)" @LIBX_1.0 "prog.$pair: version of x_get in .dynsym"
  assert_contains "$(readelf -VW prog.$pair | sed -n '/version_r/,$p')" "Name: LIBX_1.0" "prog.$pair: .gnu.version_r"
done
so_elflint_compare libx.so

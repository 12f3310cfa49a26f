#!/usr/bin/env bash
# A shared object that collects records in a custom section (`myreg`, a C-identifier
# name) and walks them with __start_myreg/__stop_myreg: the linker defines the two
# symbols around the library's own output section, so the library sees exactly its
# three records -- not the executable's records in its own `myreg` section, which the
# executable walks with its own __start_/__stop_. The library binds them locally: if
# they are exported at all (ld.bfd exports them PROTECTED, its default
# -z start-stop-visibility=protected), then not as preemptible DEFAULT symbols, and
# there is no dynamic relocation against them. An executable linked against a library
# that does export them (ld.bfd's) still gets its own __start_myreg/__stop_myreg around
# its own section, as ld.bfd and lld define them, rather than binding to the library's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
struct rec { const char *name; int value; };
#define REC(n, v) static const struct rec rec_##n __attribute__((used, section("myreg"), aligned(16))) = {#n, v}
REC(alpha, 1);
REC(beta, 2);
REC(gamma, 3);
extern const struct rec __start_myreg[], __stop_myreg[];
int lib_walk(char *out) {
  int sum = 0;
  int n = 0;
  for (const struct rec *r = __start_myreg; r < __stop_myreg && n < 8; r++, n++) {
    if (r->value >= 1 && r->value <= 3) { sum += r->value; out[r->value - 1] = r->name[0]; }
    else sum += 1000;
  }
  out[n] = 0;
  return sum;
}
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
struct rec { const char *name; int value; };
static const struct rec mine __attribute__((used, section("myreg"), aligned(16))) = {"zeta", 100};
extern const struct rec __start_myreg[], __stop_myreg[];
int lib_walk(char *);
int main(void) {
  char names[16];
  int s = lib_walk(names);
  printf("lib %d %s exe %ld %s\n", s, names, (long)(__stop_myreg - __start_myreg), __start_myreg[0].name);
  return 0;
}
EOF2
so_link_both libreg.so -O1 lib.c
lib=rivet/libreg.so
for s in __start_myreg __stop_myreg; do
  [ "$(dynsym_field $lib $s vis)" != DEFAULT ] || fail "$lib: expected $s to be absent from .dynsym or non-DEFAULT (bound locally), got a DEFAULT .dynsym entry"
  assert_eq "$(dyn_relocs $lib | awk -v s=$s '$3 == s' | wc -l)" 0 "$lib: dynamic relocations against $s"
done
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lreg
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode "lib 6 abg exe 1 zeta"
done
so_elflint_compare libreg.so

#!/usr/bin/env bash
# --hash-style=both gives a shared object both DT_HASH and DT_GNU_HASH, and the
# library works through either: glibc uses .gnu.hash, and the SysV table's nchain still
# matches .dynsym (elflint checks both tables against .dynsym).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

{
  for i in $(seq 0 29); do echo "int both_fn_$i(void) { return $i + 1; }"; done
} >lib.c
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int both_fn_29(void);
int main(void) {
  void *h = dlopen("libboth.so", RTLD_NOW);
  int sum = 0;
  for (int i = 0; i < 30; i++) {
    char name[32];
    snprintf(name, sizeof name, "both_fn_%d", i);
    int (*f)(void) = (int (*)(void))dlsym(h, name);
    sum += f ? f() : 1000000;
  }
  printf("%d %d\n", both_fn_29(), sum);
  return 0;
}
EOF2
so_link_both libboth.so -Wl,--hash-style=both lib.c
lib=rivet/libboth.so
has_dynamic_tag $lib HASH || fail "$lib: expected DT_HASH with --hash-style=both"
has_dynamic_tag $lib GNU_HASH || fail "$lib: expected DT_GNU_HASH with --hash-style=both"
nsyms=$(readelf --dyn-syms -W $lib | awk '$1 ~ /^[0-9]+:$/' | wc -l)
read -r _ nchain < <(od -An -v -t u4 -j "$(hex_to_dec "$(section_field $lib .hash off)")" -N 8 $lib)
assert_eq "$nchain" "$nsyms" "$lib: nchain of .hash (the number of .dynsym entries)"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lboth -ldl
so_run_matrix prog
so_expect_stdout prog "30 465"
so_elflint_compare libboth.so

#!/usr/bin/env bash
# --hash-style=sysv gives a shared object DT_HASH (.hash) and no DT_GNU_HASH; the
# loader looks every symbol up through the SysV table: an executable linked against it
# calls its functions and dlsym finds each of 50 exported functions by name and misses
# a name that is not there. .hash has nbucket + nchain = 2 + number of .dynsym entries.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

{
  for i in $(seq 0 49); do echo "int sysv_fn_$i(void) { return $i * 3; }"; done
  echo "int sysv_data = 99;"
} >lib.c
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int sysv_fn_7(void);
extern int sysv_data;
int main(void) {
  void *h = dlopen("libsysv.so", RTLD_NOW);
  if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
  long sum = 0;
  for (int i = 0; i < 50; i++) {
    char name[32];
    snprintf(name, sizeof name, "sysv_fn_%d", i);
    int (*f)(void) = (int (*)(void))dlsym(h, name);
    if (!f) { printf("dlsym %s failed\n", name); return 2; }
    sum += f();
  }
  printf("direct %d data %d sum %ld missing %s\n", sysv_fn_7(), sysv_data, sum, dlsym(h, "sysv_fn_50") ? "found" : "absent");
  return 0;
}
EOF2
so_link_both libsysv.so -Wl,--hash-style=sysv lib.c
lib=rivet/libsysv.so
has_dynamic_tag $lib HASH || fail "$lib: expected DT_HASH with --hash-style=sysv, got tags: $(dynamic_tags $lib | awk '{print $1}' | tr '\n' ' ')"
has_dynamic_tag $lib GNU_HASH && fail "$lib: expected no DT_GNU_HASH with --hash-style=sysv"
has_section $lib .gnu.hash && fail "$lib: expected no .gnu.hash section with --hash-style=sysv"
nsyms=$(readelf --dyn-syms -W $lib | awk '$1 ~ /^[0-9]+:$/' | wc -l)
hash_off=$(hex_to_dec "$(section_field $lib .hash off)")
read -r nbucket nchain < <(od -An -v -t u4 -j "$hash_off" -N 8 $lib)
assert_eq "$nchain" "$nsyms" "$lib: nchain of .hash (must equal the number of .dynsym entries)"
assert_eq "$(hex_to_dec "$(section_field $lib .hash size)")" $(((2 + nbucket + nchain) * 4)) "$lib: size of .hash for nbucket=$nbucket nchain=$nchain"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lsysv -ldl
so_run_matrix prog
so_expect_stdout prog "direct 21 data 99 sum 3675 missing absent"
so_elflint_compare libsysv.so

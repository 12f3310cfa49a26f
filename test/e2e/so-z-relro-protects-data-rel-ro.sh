#!/usr/bin/env bash
# A shared object gets PT_GNU_RELRO by default (-z relro): it covers .data.rel.ro (a
# table of pointers that needs RELATIVE relocations), .dynamic and .got, and the loader
# makes that range read-only after relocating, so writing to the table kills the
# program with SIGSEGV, as with ld.bfd's library. With -z norelro there is no
# PT_GNU_RELRO and the same write succeeds.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
const char *const names[] = {"alpha", "beta", "gamma"};
extern int some_data;
int some_data = 3;
int *const data_ptr = &some_data;
const char *name_at(int i) { return names[i]; }
void smash(void) { *(const char **)&names[1] = "smashed"; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
const char *name_at(int);
void smash(void);
int main(void) {
  printf("%s %s\n", name_at(0), name_at(2));
  fflush(stdout);
  smash();
  printf("after write: %s\n", name_at(1));
  return 0;
}
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
mkdir -p norelro/rivet norelro/bfd
so_link_both libr.so lib.o
so_link_rivet norelro/rivet/libr.so -Wl,-z,norelro lib.o
so_link_bfd norelro/bfd/libr.so -Wl,-z,norelro lib.o

lib=rivet/libr.so
[ -n "$(phdr_rows $lib GNU_RELRO)" ] || fail "$lib: expected a PT_GNU_RELRO program header, found none"
for sec in .data.rel.ro .dynamic .got; do
  has_section $lib $sec || fail "$lib: expected a $sec section"
  addr=$(section_field $lib $sec addr)
  size=$(hex_to_dec "$(section_field $lib $sec size)")
  addr_in_phdr $lib GNU_RELRO "$addr" "$size" || fail "$lib: expected $sec ($addr, $size bytes) inside PT_GNU_RELRO ($(phdr_rows $lib GNU_RELRO))"
done
assert_eq "$(phdr_rows norelro/rivet/libr.so GNU_RELRO)" "" "PT_GNU_RELRO of norelro/rivet/libr.so (-z norelro)"

compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lr
so_run_matrix prog
for pair in "${SO_PAIRS[@]}"; do
  assert_eq "$(cat prog.$pair.status)" 139 "exit status of prog.$pair (write into the RELRO table; SIGSEGV expected)"
  assert_eq "$(cat prog.$pair.stdout)" "alpha gamma" "stdout of prog.$pair"
done
for side in rivet bfd; do
  out=$(LD_LIBRARY_PATH=$PWD/norelro/$side timeout "$RUN_TIMEOUT" ./prog.$side-rivet) ||
    fail "prog.$side-rivet with norelro/$side/libr.so: expected exit status 0 (no RELRO, the write is allowed), got $?"
  assert_eq "$out" "alpha gamma
after write: smashed" "stdout of prog.$side-rivet with norelro/$side/libr.so"
done
so_elflint_compare libr.so
elflint_compare norelro/rivet/libr.so norelro/bfd/libr.so

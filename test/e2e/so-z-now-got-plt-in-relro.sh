#!/usr/bin/env bash
# With -z now (and the default -z relro) nothing writes the PLT's GOT slots after
# load, so the whole GOT -- .got and .got.plt -- lies inside PT_GNU_RELRO and becomes
# read-only (ld.bfd and lld both do this). Without -z now, .got.plt stays outside
# PT_GNU_RELRO (lazy binding writes it). Both libraries work.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
#include <stdio.h>
#include <string.h>
extern int ext_var;
int ext_var = 3;
int lib_fn(const char *s) { printf("[%s]\n", s); return (int)strlen(s) + ext_var; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_fn(const char *);
int main(void) { printf("%d\n", lib_fn("relro")); return 0; }
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
mkdir -p lazy
so_link_both libnow.so -Wl,-soname,libx.so lib.o -Wl,-z,now
so_link_rivet lazy/libx.so lib.o
for side in rivet bfd; do ln -sf libnow.so $side/libx.so; done
lib=rivet/libnow.so
for sec in .got .got.plt; do
  has_section $lib $sec || continue
  addr=$(section_field $lib $sec addr)
  size=$(hex_to_dec "$(section_field $lib $sec size)")
  addr_in_phdr $lib GNU_RELRO "$addr" "$size" || fail "$lib (-z now): expected $sec ($addr, $size bytes) inside PT_GNU_RELRO ($(phdr_rows $lib GNU_RELRO))"
done
if has_section lazy/libx.so .got.plt; then
  addr=$(section_field lazy/libx.so .got.plt addr)
  addr_in_phdr lazy/libx.so GNU_RELRO "$addr" 1 && fail "lazy/libx.so (lazy binding): expected .got.plt ($addr) outside PT_GNU_RELRO, but it is inside ($(phdr_rows lazy/libx.so GNU_RELRO))"
fi
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx
so_run_matrix prog
so_expect_stdout prog "[relro]
8"
so_elflint_compare libnow.so

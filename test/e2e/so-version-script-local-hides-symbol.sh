#!/usr/bin/env bash
# An anonymous version script `{ global: api_*; local: *; };` hides every other
# definition: internal_fn and internal_var are not in .dynsym (readelf --dyn-syms),
# dlsym fails for them, the library's own calls to them still work and bind locally (the
# executable's internal_fn does not replace it, no dynamic relocation), and the api_*
# functions are exported without a version. In .symtab the hidden definitions become
# STB_LOCAL, as ld.bfd and lld write them.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int internal_var = 7;
int internal_fn(int x) { return x + internal_var; }
int api_one(int x) { return internal_fn(x) * 2; }
int api_two(void) { return 2; }
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int api_one(int), api_two(void);
int internal_fn(int x) { return -1; }
int main(void) {
  void *h = dlopen("libx.so", RTLD_NOW);
  printf("%d %d internal_fn %s internal_var %s api_two %s\n", api_one(1), api_two(),
         dlsym(h, "internal_fn") ? "found" : "absent", dlsym(h, "internal_var") ? "found" : "absent",
         dlsym(h, "api_two") ? "found" : "absent");
  return 0;
}
EOF2
echo '{ global: api_*; local: *; };' >lib.map
so_link_both libx.so -O2 lib.c -Wl,--version-script=lib.map
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx -ldl
so_run_matrix prog
so_expect_stdout prog "16 2 internal_fn absent internal_var absent api_two found"
lib=rivet/libx.so
dyn=$(readelf --dyn-syms -W $lib)
assert_not_contains "$dyn" internal_fn "readelf --dyn-syms of $lib"
assert_not_contains "$dyn" internal_var "readelf --dyn-syms of $lib"
assert_eq "$(dynsym_field $lib api_one version)" - "$lib: version of api_one (anonymous version node)"
assert_eq "$(dyn_relocs $lib | awk '$3 == "internal_fn" || $3 == "internal_var"' | wc -l)" 0 "$lib: dynamic relocations against the local symbols"
assert_eq "$(defined_dynsyms $lib | tr '\n' ' ')" "$(defined_dynsyms bfd/libx.so | tr '\n' ' ')" "defined .dynsym entries of $lib (vs ld.bfd's)"
for s in internal_fn internal_var; do
  assert_eq "$(symbol_field $lib $s bind)" LOCAL "$lib: .symtab binding of $s (made local by the version script)"
done
so_elflint_compare libx.so

#!/usr/bin/env bash
# A hidden definition in a shared object is not exported: it is absent from .dynsym
# (but present as a LOCAL in .symtab), dlsym cannot find it, the library's own calls
# to it work without any dynamic relocation, and an executable's definition of the
# same name does not replace it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((visibility("hidden"))) int hidden_fn(void) { return 5; }
__attribute__((visibility("hidden"))) int hidden_var = 6;
int (*volatile hidden_fn_ptr)(void) = hidden_fn;
int visible_fn(void) { return hidden_fn() * 10 + hidden_var + hidden_fn_ptr(); }
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int hidden_fn(void) { return 1000; }
int visible_fn(void);
int main(void) {
  void *h = dlopen("libx.so", RTLD_NOW);
  printf("visible %d dlsym hidden_fn %s hidden_var %s visible_fn %s\n", visible_fn(),
         dlsym(h, "hidden_fn") ? "found" : "absent", dlsym(h, "hidden_var") ? "found" : "absent",
         dlsym(h, "visible_fn") ? "found" : "absent");
  return 0;
}
EOF2
so_link_both libx.so -O1 lib.c
lib=rivet/libx.so
assert_eq "$(dynsym_count $lib hidden_fn) $(dynsym_count $lib hidden_var)" "0 0" "$lib: .dynsym entries for hidden_fn and hidden_var"
assert_eq "$(dyn_relocs $lib | awk '$3 == "hidden_fn" || $3 == "hidden_var"' | wc -l)" 0 "$lib: dynamic relocations against hidden symbols"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx -ldl
so_run_matrix prog
so_expect_stdout prog "visible 61 dlsym hidden_fn absent hidden_var absent visible_fn found"
assert_eq "$(symbol_field $lib hidden_fn bind)" LOCAL "$lib: .symtab binding of hidden_fn (a hidden symbol becomes STB_LOCAL in a linked output, gABI)"
so_elflint_compare libx.so

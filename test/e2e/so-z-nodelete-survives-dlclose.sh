#!/usr/bin/env bash
# -z nodelete sets DF_1_NODELETE: dlclose does not unload the library, so its
# destructor does not run then and a variable it changed keeps its value when the
# library is dlopen'ed again; without the flag the library is unloaded and reloaded
# fresh.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
#include <stdio.h>
int counter = 100;
int bump(void) { return ++counter; }
__attribute__((destructor)) static void bye(void) { printf("destructor of %s\n", LIBNAME); fflush(stdout); }
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
static void once(const char *name) {
  void *h = dlopen(name, RTLD_NOW);
  if (!h) { printf("dlopen %s: %s\n", name, dlerror()); return; }
  int (*bump)(void) = (int (*)(void))dlsym(h, "bump");
  printf("%s bump -> %d\n", name, bump());
  dlclose(h);
  printf("%s closed\n", name);
}
int main(void) {
  once("libkeep.so"); once("libkeep.so");
  once("libdrop.so"); once("libdrop.so");
  return 0;
}
EOF2
so_link_both libkeep.so -DLIBNAME='"keep"' -Wl,-z,nodelete lib.c
so_link_both libdrop.so -DLIBNAME='"drop"' lib.c
assert_has_word "$(dynamic_flags_1 rivet/libkeep.so)" NODELETE "DT_FLAGS_1 of rivet/libkeep.so"
assert_lacks_word "$(dynamic_flags_1 rivet/libdrop.so)" NODELETE "DT_FLAGS_1 of rivet/libdrop.so"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -ldl
so_run_matrix prog
so_expect_stdout prog "libkeep.so bump -> 101
libkeep.so closed
libkeep.so bump -> 102
libkeep.so closed
libdrop.so bump -> 101
destructor of drop
libdrop.so closed
libdrop.so bump -> 101
destructor of drop
libdrop.so closed
destructor of keep"
so_elflint_compare libkeep.so

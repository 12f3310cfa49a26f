#!/usr/bin/env bash
# -z nodlopen sets DF_1_NOOPEN: dlopen of the library fails, while an executable that
# links against it (DT_NEEDED) loads it normally.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int sealed(void) { return 77; }
EOF2
cat >dl.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int main(void) {
  void *h = dlopen("libsealed.so", RTLD_NOW);
  printf("dlopen %s\n", h ? "succeeded" : "failed");
  return 0;
}
EOF2
cat >linked.c <<'EOF2'
#include <stdio.h>
int sealed(void);
int main(void) { printf("%d\n", sealed()); return 0; }
EOF2
so_link_both libsealed.so -Wl,-z,nodlopen lib.c
assert_has_word "$(dynamic_flags_1 rivet/libsealed.so)" NOOPEN "DT_FLAGS_1 of rivet/libsealed.so"
compile_c -O1 -o dl.o dl.c
compile_c -O1 -o linked.o linked.c
so_dlink_matrix dl dl.o -ldl
so_run_matrix dl
so_expect_stdout dl "dlopen failed"
so_dlink_matrix linked linked.o -lsealed
so_run_matrix linked
so_expect_stdout linked 77
so_elflint_compare libsealed.so

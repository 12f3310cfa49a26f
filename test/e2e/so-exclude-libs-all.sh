#!/usr/bin/env bash
# --exclude-libs ALL: definitions pulled from static archives into a shared object are
# not exported (absent from .dynsym, dlsym fails, and the executable cannot interpose
# them), while the library's own object files' definitions still are. The archive code
# still works from inside the library.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

cat >helper.c <<'EOF2'
int arch_helper(int x) { return x * 3; }
int arch_data = 4;
EOF2
cat >lib.c <<'EOF2'
int arch_helper(int);
extern int arch_data;
int lib_api(int x) { return arch_helper(x) + arch_data; }
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int lib_api(int);
int arch_helper(int x) { return -1000; }
int main(void) {
  void *h = dlopen("libx.so", RTLD_NOW);
  printf("%d api %s helper %s data %s\n", lib_api(5), dlsym(h, "lib_api") ? "found" : "absent",
         dlsym(h, "arch_helper") ? "found" : "absent", dlsym(h, "arch_data") ? "found" : "absent");
  return 0;
}
EOF2
compile_c -O1 -fPIC -o helper.o helper.c
run ar rcs libhelper.a helper.o
so_link_both libx.so -O1 lib.c libhelper.a -Wl,--exclude-libs,ALL
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx -ldl
so_run_matrix prog
so_expect_stdout prog "19 api found helper absent data absent"
lib=rivet/libx.so
assert_eq "$(dynsym_count $lib arch_helper) $(dynsym_count $lib arch_data)" "0 0" "$lib: .dynsym entries for arch_helper and arch_data (from an archive, --exclude-libs ALL)"
assert_eq "$(dynsym_count $lib lib_api)" 1 "$lib: .dynsym entries for lib_api"
assert_eq "$(dyn_relocs $lib | awk '$3 == "arch_helper" || $3 == "arch_data"' | wc -l)" 0 "$lib: dynamic relocations against the excluded symbols"
so_elflint_compare libx.so

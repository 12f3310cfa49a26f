#!/usr/bin/env bash
# In an executable, --export-dynamic-symbol=NAME (and a glob) puts just the matching
# definitions into .dynsym, so a plugin (linked by rivet, unresolved references left
# to the loader) dlopen'ed with RTLD_NOW can call back into the executable; a
# definition not named is not exported (and the plugin's weak reference to it is 0).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >plugin.c <<'EOF2'
int app_callback(int);
int app_hook_a(void), app_hook_b(void);
__attribute__((weak)) int app_private(void);
int plugin_run(int x) { return app_callback(x) + app_hook_a() + app_hook_b() + (app_private ? 1000 : 0); }
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int app_callback(int x) { return x * 2; }
int app_hook_a(void) { return 10; }
int app_hook_b(void) { return 20; }
int app_private(void) { return 5; }
int main(void) {
  void *h = dlopen("libplugin.so", RTLD_NOW);
  if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
  int (*run)(int) = (int (*)(int))dlsym(h, "plugin_run");
  printf("%d %d\n", run(21), app_private());
  return 0;
}
EOF2
so_link_both libplugin.so -O1 plugin.c
compile_c -O1 -fPIE -o main.o main.c
so_dlink_matrix prog main.o -ldl -Wl,--export-dynamic-symbol=app_callback '-Wl,--export-dynamic-symbol=app_hook_*'
so_run_matrix prog
so_expect_stdout prog "72 5"
for pair in bfd-rivet rivet-rivet; do
  exe=prog.$pair
  for s in app_callback app_hook_a app_hook_b; do
    assert_eq "$(dynsym_count $exe $s)" 1 "$exe: .dynsym entries for $s"
  done
  assert_eq "$(dynsym_count $exe app_private)" 0 "$exe: .dynsym entries for app_private (not named)"
done
so_elflint_compare libplugin.so

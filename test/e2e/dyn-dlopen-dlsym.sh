#!/usr/bin/env bash
# dlopen/dlsym of a plugin the executable does not link against: no DT_NEEDED for it,
# symbols found by name (a function and a variable), the plugin's constructor and
# destructor run at dlopen/dlclose, dlerror reports a missing symbol. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >plugin.c <<'EOF2'
#include <stdio.h>
int plugin_value = 1234;
int plugin_mul(int a, int b) { return a * b; }
__attribute__((constructor)) static void up(void) { printf("plugin loaded\n"); fflush(stdout); }
__attribute__((destructor)) static void down(void) { printf("plugin unloaded\n"); fflush(stdout); }
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char **argv) {
  (void)argc;
  void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!h) { printf("dlopen failed: %s\n", dlerror()); return 1; }
  int (*mul)(int, int) = (int (*)(int, int))dlsym(h, "plugin_mul");
  int *val = (int *)dlsym(h, "plugin_value");
  if (!mul || !val) return 2;
  printf("mul %d value %d\n", mul(6, 7), *val);
  printf("missing: %s\n", dlsym(h, "plugin_nothing") ? "found" : "not found");
  printf("dlerror set: %d\n", dlerror() != NULL);
  dlclose(h);
  printf("done\n");
  return 0;
}
EOF2
build_shlib plugin.so plugin.so plugin.c
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -ldl
  run_both_and_compare prog-"$mode" "$PWD/plugin.so"
  expect_stdout prog-"$mode" "plugin loaded
mul 42 value 1234
missing: not found
dlerror set: 1
plugin unloaded
done"
  assert_not_contains "$(dynamic_values prog-"$mode".rivet NEEDED)" plugin "DT_NEEDED of prog-$mode.rivet"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

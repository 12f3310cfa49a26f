#!/usr/bin/env bash
# A plugin linked by rivet is loaded with dlopen (by a bare name found through
# LD_LIBRARY_PATH, RTLD_NOW) by executables linked by rivet and by ld.bfd: dlsym finds
# a function and a variable, the plugin's constructor runs at dlopen and its destructor
# at dlclose, and the plugin calls back into libc (snprintf through its PLT).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >plugin.c <<'EOF2'
#include <stdio.h>
#include <string.h>
int plugin_value = 1234;
static char buf[64];
const char *plugin_describe(int a, int b) {
  snprintf(buf, sizeof buf, "%d*%d=%d (%zu)", a, b, a * b, strlen("four"));
  return buf;
}
__attribute__((constructor)) static void up(void) { printf("plugin loaded %d\n", plugin_value); fflush(stdout); }
__attribute__((destructor)) static void down(void) { printf("plugin unloaded\n"); fflush(stdout); }
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int main(void) {
  void *h = dlopen("libplugin.so", RTLD_NOW | RTLD_LOCAL);
  if (!h) { printf("dlopen failed: %s\n", dlerror()); return 1; }
  const char *(*describe)(int, int) = (const char *(*)(int, int))dlsym(h, "plugin_describe");
  int *val = (int *)dlsym(h, "plugin_value");
  if (!describe || !val) { printf("dlsym failed: %s\n", dlerror()); return 2; }
  *val = 7;
  printf("%s value %d\n", describe(6, 7), *val);
  printf("missing: %s\n", dlsym(h, "plugin_nothing") ? "found" : "not found");
  dlclose(h);
  printf("done\n");
  return 0;
}
EOF2
so_link_both libplugin.so -O1 plugin.c
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -ldl
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode "plugin loaded 1234
6*7=42 (4) value 7
missing: not found
plugin unloaded
done"
done
so_elflint_compare libplugin.so

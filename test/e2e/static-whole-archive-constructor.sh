#!/usr/bin/env bash
# -Wl,--whole-archive extracts every member of the archives that follow it, even one
# that nothing references, such as a plugin that registers itself from a constructor.
# Without the flag the same member must stay out.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

cat >plugin.c <<'EOF'
void register_plugin(const char *name);
__attribute__((constructor)) static void plugin_init(void) { register_plugin("self-registering plugin"); }
void plugin_marker(void) {}
EOF
cat >main.c <<'EOF'
#include <stdio.h>
static const char *plugins[8];
static int n_plugins;
void register_plugin(const char *name) { plugins[n_plugins++] = name; }
int main(void) {
  printf("plugins=%d\n", n_plugins);
  for (int i = 0; i < n_plugins; i++) printf("  %s\n", plugins[i]);
  return 0;
}
EOF
compile_c -O1 -o plugin.o plugin.c
compile_c -O1 -o main.o main.c
run ar rcs libplugin.a plugin.o

link_both whole main.o -Wl,--whole-archive libplugin.a -Wl,--no-whole-archive
run_both_and_compare whole
expect_stdout whole "plugins=1
  self-registering plugin"
expect_status whole 0
elflint_compare whole
assert_eq "$(symbol_count whole.rivet plugin_marker)" 1 "count of plugin_marker in .symtab with --whole-archive"

link_both plain main.o libplugin.a
run_both_and_compare plain
expect_stdout plain "plugins=0"
assert_eq "$(symbol_count plain.rivet plugin_marker)" 0 "count of plugin_marker in .symtab without --whole-archive"

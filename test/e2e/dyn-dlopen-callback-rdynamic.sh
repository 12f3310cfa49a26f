#!/usr/bin/env bash
# A dlopen'ed plugin calling back into the executable: the executable, linked with
# -rdynamic, must export its global functions and data in .dynsym (defined, not UND) so
# the loader can bind the plugin's references to them at dlopen time; a static function
# and a hidden one must not be exported. Without -rdynamic the same dlopen must fail
# with an undefined symbol. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >plugin.c <<'EOF2'
int host_add(int, int);
extern int host_counter;
int plugin_run(int x) { host_counter += 10; return host_add(x, 100); }
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
int host_counter = 5;
int host_add(int a, int b) { return a + b; }
static int host_static(void) { return 1; }
__attribute__((visibility("hidden"))) int host_hidden(void) { return 2; }
int main(int argc, char **argv) {
  (void)argc;
  void *h = dlopen(argv[1], RTLD_NOW);
  if (!h) { printf("dlopen failed\n"); return 1; }
  int (*run)(int) = (int (*)(int))dlsym(h, "plugin_run");
  int r = run(1);
  printf("run %d counter %d other %d\n", r, host_counter, host_static() + host_hidden());
  return 0;
}
EOF2
build_shlib plugin.so plugin.so plugin.c
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" -rdynamic main-"$mode".o -ldl
  run_both_and_compare prog-"$mode" "$PWD/plugin.so"
  expect_stdout prog-"$mode" "run 101 counter 15 other 3"
  f=prog-$mode.rivet
  for s in host_add host_counter main; do
    ndx=$(dynsym_field "$f" $s ndx)
    { [ -n "$ndx" ] && [ "$ndx" != UND ]; } || fail "$f: expected $s exported (defined) in .dynsym with -rdynamic, got '$(dynsym "$f" | awk -v s=$s '$7 == s' || true)'"
  done
  assert_eq "$(dynsym_count "$f" host_static)" 0 "$f: .dynsym entries for a static function"
  assert_eq "$(dynsym_count "$f" host_hidden)" 0 "$f: .dynsym entries for a hidden function"
  assert_eq "$(dynsym_field "$f" host_add value)" "$(symbol_field "$f" host_add value)" "$f: host_add's .dynsym value vs its .symtab value"

  dlink_rivet plain-"$mode".rivet "${MODE_LDFLAGS[@]}" main-"$mode".o -ldl
  assert_eq "$(dynsym_count plain-"$mode".rivet host_add)" 0 "plain-$mode.rivet: .dynsym entries for host_add without -rdynamic"
  st=0
  ./plain-"$mode".rivet "$PWD/plugin.so" >plain.out 2>&1 || st=$?
  assert_eq "$(cat plain.out)" "dlopen failed" "output of plain-$mode.rivet (host_add not exported, so the plugin cannot be loaded)"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

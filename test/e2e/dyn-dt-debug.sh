#!/usr/bin/env bash
# An executable carries a DT_DEBUG entry, which the loader fills with the address of
# its r_debug so debuggers find the list of loaded modules. The program walks its own
# _DYNAMIC at run time: DT_DEBUG must be there and point at a live r_debug whose
# link_map list includes the user library. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_fn(void) { return 1; }
EOF2
cat >main.c <<'EOF2'
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
int lib_fn(void);
extern ElfW(Dyn) _DYNAMIC[];
int main(void) {
  struct r_debug *dbg = NULL;
  for (ElfW(Dyn) *d = _DYNAMIC; d->d_tag != DT_NULL; d++)
    if (d->d_tag == DT_DEBUG) dbg = (struct r_debug *)d->d_un.d_ptr;
  if (!dbg) { printf("no DT_DEBUG filled in\n"); return 1; }
  int seen = 0;
  for (struct link_map *m = dbg->r_map; m; m = m->l_next)
    if (strstr(m->l_name, "libdbg.so")) seen = 1;
  printf("r_version %d, libdbg.so in r_map: %d, lib_fn %d\n", dbg->r_version, seen, lib_fn());
  return 0;
}
EOF2
build_shlib libdbg.so libdbg.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -ldbg
  f=prog-$mode.rivet
  has_dynamic_tag "$f" DEBUG || fail "$f: expected a DT_DEBUG entry, got: $(dynamic_tags "$f" | awk '{ print $1 }' | tr '\n' ' ')"
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "r_version 1, libdbg.so in r_map: 1, lib_fn 1"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

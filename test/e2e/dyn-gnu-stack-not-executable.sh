#!/usr/bin/env bash
# A dynamically linked executable built from objects that all carry .note.GNU-stack
# gets a PT_GNU_STACK without PF_X, and the loader then maps the main thread's stack
# without execute permission: the program reads its own [stack] line from
# /proc/self/maps. With -z execstack the stack is executable. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <stdio.h>
#include <string.h>
int main(void) {
  FILE *f = fopen("/proc/self/maps", "r");
  char line[512];
  while (f && fgets(line, sizeof line, f))
    if (strstr(line, "[stack]")) {
      char perms[8] = "";
      sscanf(line, "%*s %7s", perms);
      printf("stack %s\n", perms);
    }
  return 0;
}
EOF2
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "stack rw-p"
  read -r _ _ _ _ _ flags _ <<<"$(phdr_rows prog-"$mode".rivet GNU_STACK)"
  assert_eq "$flags" RW "prog-$mode.rivet: PT_GNU_STACK flags"
done
dlink_both exec main-pie.o -Wl,-z,execstack
run_both_and_compare exec
expect_stdout exec "stack rwxp"
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

#!/usr/bin/env bash
# A library that calls a function and reads a variable it leaves undefined, defined by
# the executable. Without -rdynamic the executable must still export exactly those
# symbols (they are referenced by a linked shared object): defined .dynsym entries
# whose values match .symtab, so the loader binds the library's references to them.
# Other global functions of the executable stay unexported. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int exe_hook(int);
extern int exe_setting;
int lib_run(int x) { return exe_hook(x) + exe_setting; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_run(int);
int exe_setting = 1000;
int exe_hook(int x) { return x * 7; }
int exe_private(int x) { return x; }
int main(void) { printf("%d\n", lib_run(exe_private(6))); return 0; }
EOF2
build_shlib libcb.so libcb.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lcb
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "1042"
  f=prog-$mode.rivet
  for s in exe_hook exe_setting; do
    ndx=$(dynsym_field "$f" $s ndx)
    { [ -n "$ndx" ] && [ "$ndx" != UND ]; } || fail "$f: expected $s (referenced by libcb.so) exported as a defined .dynsym symbol, got '$(dynsym "$f" | awk -v s=$s '$7 == s' || true)'"
    assert_eq "$(dynsym_field "$f" $s value)" "$(symbol_field "$f" $s value)" "$f: $s's .dynsym value vs .symtab"
  done
  assert_eq "$(dynsym_count "$f" exe_private)" 0 "$f: .dynsym entries for exe_private (no shared object references it)"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

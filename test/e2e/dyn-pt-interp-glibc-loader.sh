#!/usr/bin/env bash
# Every dynamically linked executable asks for glibc's loader: a PT_INTERP naming the
# same path gcc tells ld.bfd (/lib64/ld-linux-x86-64.so.2 on x86-64), NUL-terminated in
# .interp, placed before every PT_LOAD and covered by the first one (gABI: PT_INTERP
# must precede loadable segments), with PT_PHDR first when present. Checked for the three
# executable modes.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >prog.c <<'EOF2'
#include <stdio.h>
int main(void) { puts("interp ok"); return 0; }
EOF2
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o prog-"$mode".o prog.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" prog-"$mode".o
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "interp ok"

  f=prog-$mode.rivet
  want=$(interpreter prog-"$mode".bfd)
  [ -n "$want" ] || fail "test setup: ld.bfd's output has no PT_INTERP"
  assert_eq "$(interpreter "$f")" "$want" "$f: program interpreter"
  assert_eq "$(phdr_rows "$f" INTERP | wc -l)" 1 "$f: number of PT_INTERP headers"
  read -r off vaddr _ filesz _ <<<"$(phdr_rows "$f" INTERP)"
  assert_eq "$(hex_to_dec "$filesz")" $((${#want} + 1)) "$f: PT_INTERP p_filesz (path plus NUL)"
  nul=$(od -An -t x1 -j $(($(hex_to_dec "$off") + ${#want})) -N 1 "$f" | tr -d ' ')
  assert_eq "$nul" 00 "$f: byte after the interpreter path"
  addr_in_phdr "$f" LOAD "$vaddr" $((${#want} + 1)) || fail "$f: expected PT_INTERP ($vaddr) inside a PT_LOAD"
  types=$(readelf -lW "$f" | awk '/^ *[A-Z_]+ +0x/ { print $1 }' | tr '\n' ' ')
  case "$types" in
    PHDR\ INTERP\ *LOAD* | INTERP\ *LOAD*) ;;
    *) fail "$f: expected program headers to start with [PHDR] INTERP before any LOAD, got: $types" ;;
  esac
  elflint_compare prog-"$mode"
done

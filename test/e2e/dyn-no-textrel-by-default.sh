#!/usr/bin/env bash
# A normal dynamic link never needs text relocations: in every mode, with references to
# library data and functions, pointer tables in const data and function pointers, the
# output has no DT_TEXTREL, no DF_TEXTREL in DT_FLAGS, and every dynamic relocation
# applies to a place inside a writable PT_LOAD (or PT_GNU_RELRO, which is writable while
# the loader relocates).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_var = 5;
int lib_fn(int x) { return x * 2; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int lib_var;
int lib_fn(int);
static int local_fn(int x) { return x + 1; }
int (*const fns[])(int) = {lib_fn, local_fn};
int *const ptrs[] = {&lib_var};
const char *const strs[] = {"a", "b"};
int main(void) {
  printf("%d %d %d %s%s %d\n", fns[0](3), fns[1](3), *ptrs[0], strs[0], strs[1], lib_var);
  return 0;
}
EOF2
build_shlib libnt.so libnt.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lnt
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "6 4 5 ab 5"
  f=prog-$mode.rivet
  ! has_dynamic_tag "$f" TEXTREL || fail "$f: expected no DT_TEXTREL, got: $(readelf -dW "$f" | grep TEXTREL)"
  assert_not_contains "$(dynamic_values "$f" FLAGS)" TEXTREL "$f: DT_FLAGS"
  writable_loads=$(phdr_rows "$f" LOAD | awk '$6 ~ /W/')
  while read -r off type sym _; do
    ok=0
    while read -r _ v _ _ m _ _; do
      [ -n "$v" ] || continue
      a=$(hex_to_dec "$off")
      lo=$(hex_to_dec "$v")
      [ "$a" -ge "$lo" ] && [ "$a" -lt $((lo + $(hex_to_dec "$m"))) ] && ok=1
    done <<<"$writable_loads"
    [ $ok = 1 ] || fail "$f: $type against ${sym} at 0x$off is outside every writable PT_LOAD (a text relocation)"
  done < <(dyn_relocs "$f")
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

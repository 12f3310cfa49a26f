#!/usr/bin/env bash
# By default calls to library functions bind lazily: no DF_BIND_NOW in DT_FLAGS, no
# DF_1_NOW in DT_FLAGS_1, and every R_X86_64_JUMP_SLOT's .got.plt slot initially points
# back into the PLT (to the entry's push/jmp that enters the resolver). The effect: a
# program whose library, at run time, lacks a function the program references but
# never calls still starts and runs.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

mkdir -p v1 v2
cat >v1.c <<'EOF2'
int lib_present(int x) { return x + 1; }
int lib_gone(int x) { return x - 1; }
EOF2
cat >v2.c <<'EOF2'
int lib_present(int x) { return x + 1; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_present(int), lib_gone(int);
int main(int argc, char **argv) {
  (void)argv;
  printf("present %d\n", lib_present(41));
  if (argc > 5) printf("gone %d\n", lib_gone(1));
  return 0;
}
EOF2
build_shlib v1/liblazy.so liblazy.so v1.c
build_shlib v2/liblazy.so liblazy.so v2.c
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both lazy-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -Lv1 -llazy
done
export LD_LIBRARY_PATH="$PWD/v2"
unset LD_BIND_NOW
for mode in "${DYN_MODES[@]}"; do
  run_both_and_compare lazy-"$mode"
  expect_stdout lazy-"$mode" "present 42"
  expect_status lazy-"$mode" 0

  f=lazy-$mode.rivet
  flags=$(dynamic_values "$f" FLAGS)
  flags1=$(dynamic_values "$f" FLAGS_1)
  assert_not_contains "$flags" BIND_NOW "$f: DT_FLAGS without -z now"
  case " $flags1 " in *" NOW "*) fail "$f: expected no NOW in DT_FLAGS_1 without -z now, got '$flags1'" ;; esac
  assert_eq "$(dyn_reloc_count "$f" R_X86_64_JUMP_SLOT lib_gone)" 1 "$f: JUMP_SLOT relocations against lib_gone"
  plt_lo=$(hex_to_dec "$(section_field "$f" .plt addr)")
  plt_hi=$((plt_lo + $(hex_to_dec "$(section_field "$f" .plt size)")))
  while read -r off type sym _; do
    [ "$type" = R_X86_64_JUMP_SLOT ] || continue
    slot=$(hex_to_dec "$(u64_at "$f" "$off")")
    { [ "$slot" -ge "$plt_lo" ] && [ "$slot" -lt "$plt_hi" ]; } ||
      fail "$f: expected the lazy .got.plt slot of $sym (at 0x$off) to point into .plt [$plt_lo, $plt_hi), it holds $slot"
  done < <(dyn_relocs "$f")
done
for mode in "${DYN_MODES[@]}"; do elflint_compare lazy-"$mode"; done

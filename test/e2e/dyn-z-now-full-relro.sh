#!/usr/bin/env bash
# -z now with -z relro ("full RELRO"): nothing writes the PLT's GOT slots after startup,
# so they belong inside PT_GNU_RELRO and become read-only -- every R_X86_64_JUMP_SLOT and
# GLOB_DAT slot lies in PT_GNU_RELRO (as ld.bfd, lld and mold do), and a program that
# overwrites its own slot for a library function faults. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_fn(int x) { return x + 1; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int lib_fn(int);
int main(int argc, char **argv) {
  printf("%d\n", lib_fn(1));
  fflush(stdout);
  if (argc > 2 && strcmp(argv[1], "poke") == 0) {
    /* argv[2]: the link-time address of lib_fn's GOT slot; add the load bias. */
    extern char __ehdr_start[];
    unsigned long slot = strtoul(argv[2], NULL, 16);
    if (argc > 3) slot += (unsigned long)__ehdr_start;
    *(volatile unsigned long *)slot = 0; /* must fault under full RELRO */
    puts("slot was writable");
  }
  return 0;
}
EOF2
build_shlib libfr.so libfr.so lib.c
export LD_LIBRARY_PATH="$PWD"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lfr -Wl,-z,now,-z,relro
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "2"
  f=prog-$mode.rivet
  while read -r off type sym _; do
    case "$type" in R_X86_64_JUMP_SLOT | R_X86_64_GLOB_DAT) ;; *) continue ;; esac
    addr_in_phdr "$f" GNU_RELRO "$off" 8 || fail "$f: expected the $type slot of $sym (0x$off) inside PT_GNU_RELRO with -z now ($(phdr_rows "$f" GNU_RELRO))"
  done < <(dyn_relocs "$f")
  # Poke the slot at run time; in a PIE the slot address is relative to the image base.
  pie_arg=()
  [ "$(elf_type "$f")" = DYN ] && pie_arg=(pie)
  for side in bfd rivet; do
    slot=$(dyn_relocs prog-"$mode".$side | awk '$3 == "lib_fn" && ($2 == "R_X86_64_JUMP_SLOT" || $2 == "R_X86_64_GLOB_DAT") { print $1; exit }')
    [ -n "$slot" ] || fail "prog-$mode.$side: expected a GOT slot for lib_fn"
    st=0
    ./prog-"$mode".$side poke "$slot" "${pie_arg[@]}" >poke.out 2>&1 || st=$?
    assert_eq "$st" 139 "exit status of prog-$mode.$side writing its lib_fn GOT slot (SIGSEGV expected under full RELRO); output: $(cat poke.out)"
  done
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

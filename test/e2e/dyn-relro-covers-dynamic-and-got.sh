#!/usr/bin/env bash
# -z relro (the default): one PT_GNU_RELRO that covers .dynamic, .got and the const
# data that needs dynamic relocations (.data.rel.ro), but not .data, .bss or the
# .got.plt slots the lazy resolver still writes, and that ends on a page boundary
# (glibc protects whole pages, rounding the end down). A program that writes to its
# relocated const table faults. With -z norelro there is no PT_GNU_RELRO. In each mode.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_fn(int x) { return x + 1; }
int lib_var = 3;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <string.h>
int lib_fn(int);
extern int lib_var;
int rw_data = 1;
int rw_bss;
int (*const relocated_const[2])(int) = {lib_fn, 0}; /* .data.rel.ro in PIEs */
int main(int argc, char **argv) {
  printf("%d %d %d\n", relocated_const[0](1), lib_var, rw_data + rw_bss);
  fflush(stdout);
  if (argc > 1 && strcmp(argv[1], "write") == 0) {
    *(int (*volatile *)(int)) & relocated_const[1] = lib_fn; /* must fault */
    puts("write went through");
  }
  return 0;
}
EOF2
build_shlib librr.so librr.so lib.c
export LD_LIBRARY_PATH="$PWD"
# within FILE SECTION: the whole of SECTION lies inside PT_GNU_RELRO.
within() {
  local f=$1 s=$2 a z
  a=$(section_field "$f" "$s" addr)
  z=$(hex_to_dec "$(section_field "$f" "$s" size)")
  [ -n "$a" ] || fail "$f: expected a $s section"
  addr_in_phdr "$f" GNU_RELRO "$a" "$z"
}
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-"$mode".o main.c
  dlink_both prog-"$mode" "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lrr
  run_both_and_compare prog-"$mode"
  expect_stdout prog-"$mode" "2 3 1"
  run_both_and_compare prog-"$mode" write
  expect_status prog-"$mode" 139
  f=prog-$mode.rivet
  assert_eq "$(phdr_rows "$f" GNU_RELRO | wc -l)" 1 "$f: number of PT_GNU_RELRO headers"
  for s in .dynamic .got; do
    within "$f" $s || fail "$f: expected $s (0x$(section_field "$f" $s addr)) inside PT_GNU_RELRO ($(phdr_rows "$f" GNU_RELRO))"
  done
  # The const table must be read-only at run time: in PT_GNU_RELRO when it needs
  # dynamic relocations (PIE), or simply in a read-only PT_LOAD when every entry is a
  # link-time constant (-no-pie, with a canonical PLT entry for lib_fn).
  t=$(symbol_field "$f" relocated_const value)
  if ! addr_in_phdr "$f" GNU_RELRO "$t" 16; then
    read -r _ _ _ _ _ tflags _ <<<"$(phdr_rows "$f" LOAD | while read -r o v p fs ms fl al; do
      lo=$(hex_to_dec "$v"); a=$(hex_to_dec "$t")
      [ "$a" -ge "$lo" ] && [ "$a" -lt $((lo + $(hex_to_dec "$ms"))) ] && echo "$o $v $p $fs $ms $fl $al"
    done)"
    case "$tflags" in
      *W*) fail "$f: expected relocated_const (0x$t) in PT_GNU_RELRO or a read-only PT_LOAD, it is in a writable one outside PT_GNU_RELRO ($(phdr_rows "$f" GNU_RELRO))" ;;
      "") fail "$f: expected relocated_const (0x$t) inside a PT_LOAD" ;;
    esac
  fi
  for s in rw_data rw_bss; do
    ! addr_in_phdr "$f" GNU_RELRO "$(symbol_field "$f" $s value)" || fail "$f: expected $s outside PT_GNU_RELRO"
  done
  off=$(dyn_relocs "$f" | awk '$2 == "R_X86_64_JUMP_SLOT" && $3 == "lib_fn" { print $1 }')
  if [ -n "$off" ]; then
    ! addr_in_phdr "$f" GNU_RELRO "$off" 8 || fail "$f: expected the lazily bound JUMP_SLOT of lib_fn (0x$off) outside PT_GNU_RELRO"
  fi
  # glibc mprotects PT_GNU_RELRO rounded down to whole pages, so a region that ends
  # inside a page would leave its tail (typically .got) writable.
  read -r _ rv _ _ rm _ _ <<<"$(phdr_rows "$f" GNU_RELRO)"
  relro_end=$(($(hex_to_dec "$rv") + $(hex_to_dec "$rm")))
  assert_eq "$((relro_end % 4096))" 0 "$f: end of PT_GNU_RELRO ($relro_end) modulo the 4096-byte page size"

  dlink_rivet norelro-"$mode".rivet "${MODE_LDFLAGS[@]}" main-"$mode".o -L. -lrr -Wl,-z,norelro
  [ -z "$(phdr_rows norelro-"$mode".rivet GNU_RELRO)" ] || fail "norelro-$mode.rivet: expected no PT_GNU_RELRO with -z norelro"
done
for mode in "${DYN_MODES[@]}"; do elflint_compare prog-"$mode"; done

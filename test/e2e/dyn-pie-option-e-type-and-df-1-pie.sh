#!/usr/bin/env bash
# The link-mode option decides the ELF type: -pie gives e_type ET_DYN with DF_1_PIE in
# DT_FLAGS_1 (how the loader and tools tell a PIE from a shared object), -no-pie gives
# ET_EXEC without DF_1_PIE, from the same -fPIE object. The PIE must run at an address
# chosen by the loader: its own code address differs from its link-time address.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >prog.c <<'EOF2'
#include <stdint.h>
#include <stdio.h>
int marker(void) { return 42; }
int main(void) {
  printf("marker=%d\n", marker());
  /* Where marker runs, for the test to compare with its .symtab value. */
  fprintf(stderr, "%lx\n", (unsigned long)(uintptr_t)&marker);
  return 0;
}
EOF2
compile_c -O1 -fPIE -o prog.o prog.c
dlink_both pie -pie prog.o
dlink_both nopie -no-pie prog.o
for m in pie nopie; do
  run_both_and_compare $m
  expect_stdout $m "marker=42"
done

assert_eq "$(elf_type pie.rivet)" DYN "ELF type with -pie"
assert_eq "$(elf_type nopie.rivet)" EXEC "ELF type with -no-pie"
flags1=$(dynamic_values pie.rivet FLAGS_1)
case " $flags1 " in
  *" PIE "*) ;;
  *) fail "expected DT_FLAGS_1 to include PIE with -pie, got '$flags1'" ;;
esac
flags1=$(dynamic_values nopie.rivet FLAGS_1)
case " $flags1 " in
  *" PIE "*) fail "expected no PIE in DT_FLAGS_1 with -no-pie, got '$flags1'" ;;
esac

# Where the code ran versus where it was linked.
linked=$(hex_to_dec "$(symbol_field pie.rivet marker value)")
ran=$(hex_to_dec "$(cat pie.rivet.stderr)")
[ "$linked" != "$ran" ] || fail "expected the PIE to be loaded away from its link-time address $linked, but marker ran at $ran"
linked=$(hex_to_dec "$(symbol_field nopie.rivet marker value)")
ran=$(hex_to_dec "$(cat nopie.rivet.stderr)")
assert_eq "$ran" "$linked" "run-time address of marker in the -no-pie executable (decimal) vs its .symtab value"
for m in pie nopie; do elflint_compare $m; done

#!/usr/bin/env bash
# -static-pie: a position-independent executable with no interpreter and no DT_NEEDED,
# which relocates itself at startup (glibc's rcrt1.o / _dl_relocate_static_pie reads its
# own _DYNAMIC): e_type DYN, DF_1_PIE, a PT_DYNAMIC with R_X86_64_RELATIVE relocations,
# no PT_INTERP. It must run at a loader-chosen address and print the same as ld.bfd's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
rcrt=$(gcc -print-file-name=rcrt1.o)
[ -f "$rcrt" ] || skip "gcc has no rcrt1.o (-print-file-name gave $rcrt): no -static-pie support in this toolchain"

cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static const char *const words[] = {"static", "pie", "works"};
static __thread int tls = 5;
int main(int argc, char **argv) {
  (void)argv;
  char *s = malloc(32);
  strcpy(s, words[1]);
  tls += argc;
  printf("%s %s %s tls=%d\n", words[0], s, words[2], tls);
  free(s);
  return 0;
}
EOF2
compile_c -O1 -fPIE -o main.o main.c
dlink_both prog -static-pie main.o
run_both_and_compare prog
expect_stdout prog "static pie works tls=6"
f=prog.rivet
assert_eq "$(elf_type $f)" DYN "$f: ELF type of a -static-pie link"
[ -z "$(phdr_rows $f INTERP)" ] || fail "$f: expected no PT_INTERP in a static PIE, got: $(phdr_rows $f INTERP)"
[ -n "$(phdr_rows $f DYNAMIC)" ] || fail "$f: expected a PT_DYNAMIC (the program relocates itself from it)"
[ -z "$(dynamic_values $f NEEDED)" ] || fail "$f: expected no DT_NEEDED in a static PIE, got: $(dynamic_values $f NEEDED)"
case " $(dynamic_values $f FLAGS_1) " in *" PIE "*) ;; *) fail "$f: expected PIE in DT_FLAGS_1, got '$(dynamic_values $f FLAGS_1)'" ;; esac
[ "$(dyn_reloc_count $f R_X86_64_RELATIVE)" -ge 3 ] || fail "$f: expected R_X86_64_RELATIVE relocations for words[], got: $(dyn_relocs $f | tr '\n' ';')"
bad=$(dyn_relocs $f | awk '$2 != "R_X86_64_RELATIVE" && $2 != "R_X86_64_IRELATIVE"')
[ -z "$bad" ] || fail "$f: expected only RELATIVE/IRELATIVE relocations in a static PIE (nothing to look up), got: $bad"
elflint_compare prog

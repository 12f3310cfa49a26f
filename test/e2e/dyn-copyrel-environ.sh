#!/usr/bin/env bash
# `environ` is one object with three names in libc (environ, __environ, _environ). When
# -fno-pic -no-pie code uses `environ`, the linker copies the object into the executable
# and must move every alias with it: libc's getenv/setenv use __environ, so if only
# `environ` were exported at the copy, an assignment to environ by the program would be
# invisible to getenv, and setenv's updates invisible to the program. One COPY
# relocation, aliases exported at the same address.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
extern char **environ;
int main(void) {
  static char *mine[] = {"RIVET_A=from-program", "PATH=/nowhere", NULL};
  char **saved = environ;
  environ = mine;                    /* getenv reads __environ */
  printf("A=%s\n", getenv("RIVET_A") ? getenv("RIVET_A") : "(null)");
  setenv("RIVET_B", "set-by-libc", 1); /* setenv reallocates __environ */
  int n = 0, seen_b = 0;
  for (char **e = environ; *e; e++, n++)
    if (strcmp(*e, "RIVET_B=set-by-libc") == 0) seen_b = 1;
  printf("entries=%d seen_b=%d\n", n, seen_b);
  environ = saved;
  printf("restored: %s\n", getenv("RIVET_A") ? "still set" : "unset");
  return 0;
}
EOF2
compile_c -O1 -fno-pic -o main.o main.c
dlink_both prog -no-pie main.o
run_both_and_compare prog
expect_stdout prog "A=from-program
entries=3 seen_b=1
restored: unset"

f=prog.rivet
n=$(dyn_reloc_count $f R_X86_64_COPY environ)
m=$(dyn_reloc_count $f R_X86_64_COPY __environ)
assert_eq "$((n + m))" 1 "$f: number of COPY relocations for the environ object (environ: $n, __environ: $m)"
env_at=$(dynsym_field $f environ value)
{ [ -n "$env_at" ] && [ "$(dynsym_field $f environ ndx)" != UND ]; } || fail "$f: expected environ defined in .dynsym, got: $(dynsym $f | grep environ)"
for alias in __environ _environ; do
  [ "$(dynsym_count $f $alias)" -ge 1 ] || fail "$f: expected the alias $alias of the copied environ exported in .dynsym, got: $(dynsym $f | grep environ)"
  assert_eq "$(dynsym_field $f $alias value)" "$env_at" "$f: .dynsym value of $alias (the same copy as environ)"
done
elflint_compare prog

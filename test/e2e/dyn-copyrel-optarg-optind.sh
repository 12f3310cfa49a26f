#!/usr/bin/env bash
# getopt's globals optind and optarg used from -fno-pic -no-pie code are COPY-relocated
# into the executable; libc's getopt must read and write the copies. The program parses
# one argument vector, then resets optind = 1 (a write getopt must see) and parses a
# second vector, checking optarg and optind after each option.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <stdio.h>
#include <unistd.h>
static void parse(int argc, char **argv) {
  int c;
  while ((c = getopt(argc, argv, "a:bc:")) != -1)
    printf("opt %c arg %s optind %d\n", c, optarg ? optarg : "-", optind);
  printf("rest starts at %d: %s\n", optind, optind < argc ? argv[optind] : "(none)");
}
int main(int argc, char **argv) {
  parse(argc, argv);
  char *second[] = {"prog", "-c", "see", "-b", "tail", NULL};
  optind = 1;
  optarg = NULL;
  parse(5, second);
  return 0;
}
EOF2
compile_c -O1 -fno-pic -o main.o main.c
dlink_both prog -no-pie main.o
run_both_and_compare prog -a one -b -c two file
expect_stdout prog "opt a arg one optind 3
opt b arg - optind 4
opt c arg two optind 6
rest starts at 6: file
opt c arg see optind 3
opt b arg - optind 4
rest starts at 4: tail"
for v in optind optarg; do
  assert_eq "$(dyn_reloc_count prog.rivet R_X86_64_COPY $v)" 1 "prog.rivet: COPY relocations against $v"
done
elflint_compare prog

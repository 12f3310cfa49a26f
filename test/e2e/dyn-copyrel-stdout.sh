#!/usr/bin/env bash
# -fno-pic -no-pie code that reads and assigns libc's `stdout` directly: the linker must
# give the executable a copy of the object (R_X86_64_COPY, exported in .dynsym with
# libc's size) so that libc's own references resolve to that copy. The program swaps
# `stdout` for a file: printf inside libc must then write to the file, which only
# happens if libc and the executable share one `stdout`.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >main.c <<'EOF2'
#include <stdio.h>
int main(int argc, char **argv) {
  FILE *saved = stdout;
  FILE *f = fopen(argv[1], "w");
  if (!f) return 2;
  stdout = f;                       /* written by the executable ... */
  printf("into the file\n");        /* ... read by libc's printf */
  fflush(stdout);
  stdout = saved;
  fclose(f);
  printf("back on stdout\n");
  f = fopen(argv[1], "r");
  char buf[64] = "";
  if (!f || !fgets(buf, sizeof buf, f)) return 3;
  printf("file has: %s", buf);
  return 0;
}
EOF2
compile_c -O1 -fno-pic -o main.o main.c
dlink_both prog -no-pie main.o
run_both_and_compare prog out.txt
expect_stdout prog "back on stdout
file has: into the file"
expect_status prog 0

f=prog.rivet
assert_eq "$(dyn_reloc_count $f R_X86_64_COPY stdout)" 1 "$f: number of R_X86_64_COPY relocations against stdout"
libc=$(gcc -print-file-name=libc.so.6)
want_size=$(dynsym_field "$libc" stdout size)
assert_eq "$(dynsym_field $f stdout size)" "$want_size" "$f: st_size of stdout in .dynsym (libc's st_size)"
ndx=$(dynsym_field $f stdout ndx)
[ "$ndx" != UND ] || fail "$f: expected stdout defined (the copy) in .dynsym, got st_shndx UND"
assert_eq "$(dynsym_field $f stdout version)" "@GLIBC_2.2.5" "$f: version of stdout in .dynsym"
copy_at=$(dyn_relocs $f | awk '$2 == "R_X86_64_COPY" && $3 == "stdout" { print $1 }')
assert_eq "$(hex_to_dec "$copy_at")" "$(hex_to_dec "$(dynsym_field $f stdout value)")" "$f: COPY relocation offset vs stdout's .dynsym value (decimal)"
sec=$(section_of_addr $f "$copy_at")
assert_eq "$(section_field $f "$sec" type)" NOBITS "$f: type of section $sec holding the copy of stdout"
case "$(section_field $f "$sec" flags)" in
  *W*) ;;
  *) fail "$f: expected the copy of stdout in a writable section, $sec has flags '$(section_field $f "$sec" flags)'" ;;
esac
elflint_compare prog

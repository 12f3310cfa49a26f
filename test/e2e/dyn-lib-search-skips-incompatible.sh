#!/usr/bin/env bash
# -lNAME passes over a library of another target and searches on (GNU ld, on multilib
# systems): a 32-bit shared object, an archive of 32-bit objects, and a script whose
# OUTPUT_FORMAT is elf32-i386, each found first, are skipped with GNU ld's "skipping
# incompatible FILE when searching for -lNAME" line, and the 64-bit library in a later
# -L directory is linked; the program runs as ld.bfd's does. With only the 32-bit one
# there, the link fails as "unable to find library".
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

mkdir -p lib32 a32 s32 lib64
printf '.globl hello\n.type hello,@function\nhello:\n  movl $32, %%eax\n  ret\n' >h32.s
run as --32 -o h32.o h32.s
run ld.bfd -m elf_i386 -shared -o lib32/libfoo.so h32.o
run ar rcs a32/libbar.a h32.o
printf 'OUTPUT_FORMAT(elf32-i386)\nGROUP ( libfoo32.so )\n' >s32/libfoo.so
echo 'int hello(void) { return 64; }' >h.c
run gcc -shared -fPIC -o lib64/libfoo.so h.c
compile_c -O1 -o h64.o h.c
run ar rcs lib64/libbar.a h64.o
cat >main.c <<'EOF2'
#include <stdio.h>
int hello(void);
int main(void) { printf("%d\n", hello()); return 0; }
EOF2
compile_c -O1 -o main.o main.c
for case in lib32:foo a32:bar s32:foo; do
  dir=${case%:*} lib=${case#*:}
  dlink_bfd prog_$dir.bfd main.o -L$dir -Llib64 -l$lib -Wl,-rpath,'$ORIGIN/lib64'
  dlink_rivet prog_$dir.rivet main.o -L$dir -Llib64 -l$lib -Wl,-rpath,'$ORIGIN/lib64' 2>"link_$dir.err"
  assert_contains "$(cat "link_$dir.err")" "ld.rivet: skipping incompatible $dir/lib$lib." "rivet's messages for -L$dir -Llib64 -l$lib"
  run_both_and_compare prog_$dir
  expect_stdout prog_$dir 64
done
expect_link_error none "unable to find library -lfoo" -- gcc -B"$RIVET_LIBEXEC/" -o none main.o -Llib32 -lfoo

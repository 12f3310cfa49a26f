#!/usr/bin/env bash
# Warnings and messages as GNU ld gives them: --warn-common's five messages (same
# commons, larger and smaller ones, a definition before and after a common) word for
# word after the program name; the executable-stack warnings as ld.bfd gives them (for
# shared objects too, only when some object has a .note.GNU-stack), none with
# --no-warn-execstack; C++ names demangled in an
# undefined-symbol error unless --no-demangle; -z noseparate-code (and lld's
# --no-rosegment) giving one read-execute segment for headers, code and read-only data
# as ld.bfd does; --stats printing the link time; -z dynamic-undefined-weak ignored, as
# ld.bfd says, in an executable without a loader.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools g++ as ld.bfd

printf 'int cc;\n' >c1.c
printf 'int cc;\n' >c2.c
printf 'int cc = 5;\n' >c3.c
printf 'long cc;\n' >c4.c
printf 'int main(void) { return 0; }\n' >main.c
for f in c1 c2 c4; do compile_c -fcommon -o "$f.o" "$f.c"; done
compile_c -o c3.o c3.c
compile_c -o main.o main.c
messages() { sed -n "s/^.*warning: //p" "$1"; }
for set in "c1.o c2.o" "c1.o c3.o" "c3.o c1.o" "c1.o c4.o" "c4.o c1.o"; do
  gcc -B"$RIVET_LIBEXEC/" -o common.rivet main.o $set -Wl,--warn-common 2>rivet.txt
  gcc -fuse-ld=bfd -o common.bfd main.o $set -Wl,--warn-common 2>bfd.txt
  [ -s bfd.txt ] || fail "ld.bfd gave no --warn-common message for $set"
  assert_eq "$(messages rivet.txt)" "$(sed -n "s/^.*ld[^:]*: \(.*\): warning: /\1: /p" bfd.txt)" "--warn-common's message for $set (as ld.bfd)"
done
gcc -B"$RIVET_LIBEXEC/" -o common.rivet main.o c1.o c2.o 2>quiet.txt
assert_eq "$(cat quiet.txt)" "" "messages without --warn-common"

printf '.text\n.globl main\nmain: xor %%eax, %%eax\nret\n' >nostack.s
run as -o nostack.o nostack.s
gcc -B"$RIVET_LIBEXEC/" -o exec.rivet nostack.o 2>exe.txt
assert_contains "$(cat exe.txt)" "missing .note.GNU-stack section implies executable stack" "an executable from an object without .note.GNU-stack"
gcc -B"$RIVET_LIBEXEC/" -o exec.rivet nostack.o -Wl,--no-warn-execstack 2>exe2.txt
assert_eq "$(cat exe2.txt)" "" "the same link with --no-warn-execstack"
"$LD_RIVET" -shared -o nostack.so nostack.o 2>so.txt
assert_eq "$(cat so.txt)" "" "a shared object from an object without .note.GNU-stack (ld.bfd says nothing)"
readelf -lW nostack.so | grep GNU_STACK | grep -q RWE || fail "expected an executable PT_GNU_STACK in nostack.so"
# ld.bfd's rule, case by case (same words, after the program name): a warning (for
# shared objects too) only when some object has the note or -z stack-size is given,
# naming the object whose note is executable, else the last one without a note.
printf '.globl with_note\nwith_note: ret\n.section .note.GNU-stack,"",@progbits\n' >withnote.s
printf '.globl exec_note\nexec_note: ret\n.section .note.GNU-stack,"x",@progbits\n' >execnote.s
printf '.globl no_note2\nno_note2: ret\n' >nonote2.s
for f in withnote execnote nonote2; do run as -o "$f.o" "$f.s"; done
for c in "-shared -o s1.so withnote.o nostack.o" "-shared -o s2.so withnote.o execnote.o" \
  "-o e1 withnote.o execnote.o -e with_note" "-o e2 withnote.o nostack.o nonote2.o -e main" \
  "-o e3 nostack.o withnote.o execnote.o -e main" "-o e4 nostack.o -e main" \
  "-o e5 -z stack-size=0x100000 nostack.o -e main" "-shared -o s3.so nostack.o nonote2.o"; do
  # shellcheck disable=SC2086
  want=$(ld.bfd $c 2>&1 | sed 's/^[^:]*: //')
  # shellcheck disable=SC2086
  got=$("$LD_RIVET" $c 2>&1 | sed 's/^[^:]*: //')
  assert_eq "$got" "$want" "executable-stack messages for ld $c (as ld.bfd)"
done

printf 'int foo(int);\nint main() { return foo(1); }\n' >cxx.cc
run g++ -c -o cxx.o cxx.cc
status=0
g++ -B"$RIVET_LIBEXEC/" -o cxx cxx.o 2>cxx.txt || status=$?
assert_eq "$status" 1 "exit status of a C++ link with an undefined function"
assert_contains "$(cat cxx.txt)" "undefined reference to \`foo(int)'" "the undefined-symbol error (demangled, as ld.bfd)"
g++ -B"$RIVET_LIBEXEC/" -o cxx cxx.o -Wl,--no-demangle 2>cxx2.txt || true
assert_contains "$(cat cxx2.txt)" "undefined reference to \`_Z3fooi'" "the error with --no-demangle"

cat >hello.c <<'EOF2'
#include <stdio.h>
int main(void) { puts("one segment"); return 0; }
EOF2
compile_c -o hello.o hello.c
for opt in -z,noseparate-code --no-rosegment; do
  dlink_rivet packed.rivet hello.o -Wl,$opt
  assert_eq "$(./packed.rivet)" "one segment" "output with $opt"
  first=$(readelf -lW packed.rivet | awk '$1 == "LOAD" { print $2, $7$8; exit }')
  assert_eq "$first" "0x000000 RE" "the first PT_LOAD with $opt (headers, code and read-only data)"
  assert_eq "$(readelf -lW packed.rivet | awk '$1 == "LOAD" && $7$8 ~ /^R/ && $7$8 !~ /W/' | wc -l)" 1 "read-only PT_LOADs with $opt"
done
dlink_bfd packed.bfd hello.o -Wl,-z,noseparate-code
assert_eq "$(readelf -lW packed.bfd | awk '$1 == "LOAD" { print $2, $7$8; exit }')" "0x000000 RE" "ld.bfd's first PT_LOAD with -z noseparate-code"

gcc -B"$RIVET_LIBEXEC/" -o stats hello.o -Wl,--stats 2>stats.txt
grep -Eq 'total time in link: [0-9.]+' stats.txt || fail "expected --stats to print the link time, got: $(cat stats.txt)"

# -z dynamic-undefined-weak in an executable without a loader (--no-dynamic-linker):
# ld.bfd's warning that it is ignored, and the weak reference is bound to 0 at link
# time (no dynamic relocation).
printf '.weak undef_weak\n.globl _start\n_start: ret\n.section .data.rel.ro,"aw"\n.quad undef_weak\n.section .note.GNU-stack,"",@progbits\n' >weak.s
run as -o weak.o weak.s
want=$(ld.bfd -pie --no-dynamic-linker -z dynamic-undefined-weak -o weak.bfd weak.o 2>&1 | sed 's/^[^:]*: //')
got=$("$LD_RIVET" -pie --no-dynamic-linker -z dynamic-undefined-weak -o weak.rivet weak.o 2>&1 | sed 's/^[^:]*: //')
assert_eq "$got" "$want" "-z dynamic-undefined-weak with --no-dynamic-linker (as ld.bfd)"
assert_contains "$got" "-z dynamic-undefined-weak ignored" "the warning"
assert_eq "$(readelf -rW weak.rivet | grep -c R_X86_64 || true)" 0 "dynamic relocations for the weak reference"

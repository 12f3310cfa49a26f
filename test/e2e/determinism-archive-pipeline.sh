#!/usr/bin/env bash
# Archive members are read on other threads while resolution runs (the parse
# pipeline); what is extracted, which COMDAT copy is kept, how a common meets a lazy
# data definition, and the messages must not depend on the thread count.
#  - A chain of 160 members spread over 4 archives, each member extracted by the
#    previous one (the chain crosses the archives back and forth), every member with
#    its own variant of one COMDAT function: the copy kept is the first loaded
#    member's, as with ld.bfd.
#  - A common meets a lazy data definition in a member that is already queued but not
#    yet resolved: the member's symbol table must be read before it is looked into.
#  - Two extracted members define one name: the duplicate-symbol error, and an
#    unreadable member's error, are the same with 1, 2 and 16 threads.
#  - A member that a reference makes likely to be extracted is read ahead by an idle
#    thread; when it is not extracted after all (the name was defined first), it
#    must say nothing, even though it is unreadable.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

n=160
# Members in assembly (a compiler per member would make this test slow): f<i>(x)
# returns helper(x) + f<i+1>(x + 1); helper is a COMDAT function, x * 3 + i in
# member i. Only one copy is kept: the first loaded, member 0's.
for ((i = 0; i < n; i++)); do
  next=$((i + 1))
  {
    printf '\t.section .text.helper,"axG",@progbits,helper,comdat\n'
    printf '\t.globl helper\n\t.type helper,@function\nhelper:\n'
    printf '\tlea %d(%%rdi,%%rdi,2), %%eax\n\tret\n' "$i"
    printf '\t.text\n\t.globl f%d\n\t.type f%d,@function\nf%d:\n' "$i" "$i" "$i"
    printf '\tpush %%rbx\n\tpush %%rbp\n\tsub $8, %%rsp\n\tmov %%edi, %%ebx\n'
    printf '\tcall helper\n\tmov %%eax, %%ebp\n'
    if ((next < n)); then
      printf '\tlea 1(%%rbx), %%edi\n\tcall f%d\n\tadd %%ebp, %%eax\n' "$next"
    fi
    printf '\tadd $8, %%rsp\n\tpop %%rbp\n\tpop %%rbx\n\tret\n'
    printf '\t.section .note.GNU-stack,"",@progbits\n'
  } >m$i.s
done
sources=()
for ((i = 0; i < n; i++)); do sources+=("m$i.s"); done
compile_c "${sources[@]}"
for a in 0 1 2 3; do
  members=()
  for ((i = a; i < n; i += 4)); do members+=("m$i.o"); done
  run ar rcs lib$a.a "${members[@]}"
done

# counter: a common in y.o, data (= 5) in x.o; y.o is ahead of x.o in liby.a, so the
# common meets the lazy definition while x.o waits in the queue.
cat >y.c <<'EOF'
int counter;
int fy(void) { return counter + 1; }
EOF
cat >x.c <<'EOF'
int counter = 5;
int fx(void) { return 40; }
EOF
compile_c -O1 -fcommon -o y.o y.c
compile_c -O1 -o x.o x.c
run ar rcs liby.a y.o x.o

cat >main.c <<'EOF'
#include <stdio.h>
int f0(int);
int fy(void), fx(void);
extern int counter;
int main(void) {
  printf("chain %d counter %d fy %d fx %d\n", f0(1), counter, fy(), fx());
  return 0;
}
EOF
compile_c -O1 -o main.o main.c

# GNU ld needs the group to go back to earlier archives; rivet extracts wherever
# the archive stands, the same members in the same order.
link_both prog main.o -Wl,--start-group lib0.a lib1.a lib2.a lib3.a -Wl,--end-group liby.a
run_both_and_compare prog
expect_stdout prog "$(python3 -c "
n = $n
print('chain %d counter 5 fy 6 fx 40' % sum(3 * (1 + i) + 0 for i in range(n)))")"

# The same link at 1, 2 and 16 threads.
for t in 1 2 16; do
  link_rivet prog.t$t main.o lib0.a lib1.a lib2.a lib3.a liby.a -Wl,--threads=$t
done
cmp prog.t1 prog.t2 || fail "the chain program differs between --threads=1 and --threads=2"
cmp prog.t1 prog.t16 || fail "the chain program differs between --threads=1 and --threads=16"

# Errors: m7.o and dup.o both define f7 (dup.o, after the chain, is extracted for its
# other name), and two members extracted late are corrupt (their section header
# entry size is wrong), so they are read on whichever thread takes them. The
# messages, and their order, must not depend on the thread count.
cat >dup.c <<'EOF'
int f7(int x) { return x; }
int dup_other(void) { return 1; }
EOF
compile_c -O1 -o dup.o dup.c
for k in 1 2; do
  printf 'int in_bad%s(void) { return %s; }\n' $k $k >bad$k.c
  compile_c -O1 -o bad$k.o bad$k.c
done
cat >m_late.c <<'EOF'
int in_bad1(void), in_bad2(void);
int f_late(void) { return in_bad1() + in_bad2(); }
EOF
compile_c -O1 -o m_late.o m_late.c
run ar rcs libdup.a dup.o
run ar rcs libbad.a bad1.o m_late.o bad2.o
# e_shentsize (offset 58 of each ELF header) becomes 0x1234, in place.
cat >corrupt.py <<'EOF'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
pos = 0
for name in (b'bad1.o/', b'bad2.o/'):
    pos = data.index(name, pos)
    elf = data.index(b'\x7fELF', pos)
    data[elf + 58:elf + 60] = b'\x34\x12'
open(sys.argv[1], 'wb').write(data)
EOF
run python3 corrupt.py libbad.a
cat >use.c <<'EOF'
int f0(int), dup_other(void), f_late(void);
int main(void) { return f0(1) + dup_other() + f_late(); }
EOF
compile_c -O1 -o use.o use.c
for t in 1 2 16; do
  expect_link_error err.t$t "duplicate symbol: f7" "bad1.o" "bad2.o" -- \
    "$LD_RIVET" -static -o err.t$t use.o lib0.a lib1.a lib2.a lib3.a libdup.a libbad.a --threads=$t
  cp err.t$t.link-stderr stderr.t$t
done
cmp stderr.t1 stderr.t2 || fail "the errors differ between --threads=1 and 2:"$'\n'"$(diff stderr.t1 stderr.t2)"
cmp stderr.t1 stderr.t16 || fail "the errors differ between --threads=1 and 16:"$'\n'"$(diff stderr.t1 stderr.t16)"

# Read ahead, not extracted: early.o defines shared_name and needs need_helper; h.o
# (libh.a) defines need_helper and refers to shared_name and to the chain's f0, so
# idle threads read libahead.a's unreadable member (the only one its index lists for
# shared_name) while the chain is resolved. It is never extracted: no message.
cat >early.c <<'EOF'
int shared_name = 7;
int need_helper(void);
int main(void) { return need_helper() == 7 + 4 ? 0 : 1; }
EOF
cat >h.c <<'EOF'
extern int shared_name;
int f0(int);
int need_helper(void) { return shared_name + (f0(1) > 0 ? 4 : 0); }
EOF
printf 'int shared_name = 9;\nint ahead_other(void) { return 2; }\n' >ahead.c
compile_c -O1 -o early.o early.c
compile_c -O1 -o h.o h.c
compile_c -O1 -o bad1.o ahead.c
run ar rcs libh.a h.o
run ar rcs libahead.a bad1.o
cat >corrupt1.py <<'EOF'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
elf = data.index(b'\x7fELF', data.index(b'bad1.o/'))
data[elf + 58:elf + 60] = b'\x34\x12'
open(sys.argv[1], 'wb').write(data)
EOF
run python3 corrupt1.py libahead.a
for t in 1 2 16; do
  "$LD_RIVET" -static -e main -o ahead.t$t early.o libh.a lib0.a lib1.a lib2.a lib3.a \
    libahead.a --threads=$t 2>ahead.t$t.stderr ||
    fail "a member read ahead and not extracted failed the link at --threads=$t: $(cat ahead.t$t.stderr)"
  [[ ! -s ahead.t$t.stderr ]] || fail "a member read ahead and not extracted spoke at --threads=$t: $(cat ahead.t$t.stderr)"
done
# ld.bfd (with a group: it does not go back to earlier archives) links the same
# inputs without a word too: it never reads a member it does not extract.
ld.bfd -static -e main -o ahead.bfd early.o libh.a --start-group lib0.a lib1.a lib2.a lib3.a \
  --end-group libahead.a 2>ahead.bfd.stderr || fail "ld.bfd failed the read-ahead link: $(cat ahead.bfd.stderr)"
[[ ! -s ahead.bfd.stderr ]] || fail "ld.bfd spoke about the read-ahead link: $(cat ahead.bfd.stderr)"
# The same members extracted: the same global functions and data, not ahead_other
# (ld.bfd also lists its untyped __bss_start, _edata and _end, unreferenced here).
globals() { readelf -sW "$1" | awk '$5 == "GLOBAL" && $7 != "UND" && $4 != "NOTYPE" { print $8 }' | sort; }
assert_eq "$(globals ahead.t1)" "$(globals ahead.bfd)" "the global definitions of the read-ahead link (rivet vs ld.bfd)"
assert_not_contains "$(globals ahead.t1)" ahead_other "the read-ahead link's definitions"
cmp ahead.t1 ahead.t2 || fail "the read-ahead link differs between --threads=1 and 2"
cmp ahead.t1 ahead.t16 || fail "the read-ahead link differs between --threads=1 and 16"

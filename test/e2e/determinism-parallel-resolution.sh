#!/usr/bin/env bash
# The objects ahead of the command line's first archive or shared object are resolved
# on all threads, each name's events taken in file order by one thread. The result
# must be the serial walk's (--threads=1) and ld.bfd's: which of several commons,
# weak and strong definitions wins, which COMDAT copy is kept, the merged visibility,
# and the duplicate-symbol errors, in the same order. 64 objects with 300 functions
# each, so that the run is large enough to be resolved in parallel.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

n=64
# Object i: 300 functions of its own, and its part of the shared names:
#  - comm_x: a common in objects 3 (8 bytes), 10 (64), 20 (64, aligned 32) and 30 (16):
#    the first of the largest, object 10's, is kept; the alignment is the largest, 32;
#  - weak_then_strong: weak in 5 (returns 5), strong in 40 (returns 40);
#  - weak_twice: weak in 7 (returns 7) and 9 (returns 9): the first is kept;
#  - group_fn: a COMDAT function in 2 (returns 2), 33 and 60: the first copy is kept;
#  - vis_sym: defined in 50, referenced as hidden from 12: it ends up hidden.
for ((i = 0; i < n; i++)); do
  {
    printf '\t.text\n'
    for ((k = 0; k < 300; k++)); do
      printf '\t.globl f_%d_%d\n\t.type f_%d_%d,@function\nf_%d_%d:\n\tmov $%d, %%eax\n\tret\n' \
        "$i" "$k" "$i" "$k" "$i" "$k" "$k"
    done
    case $i in
      3) printf '\t.comm comm_x,8,8\n' ;;
      10) printf '\t.comm comm_x,64,8\n' ;;
      20) printf '\t.comm comm_x,64,32\n' ;;
      30) printf '\t.comm comm_x,16,16\n' ;;
    esac
    case $i in 5 | 7 | 9 | 40)
      bind=weak
      name=weak_then_strong
      [ "$i" = 40 ] && bind=globl
      [ "$i" = 7 ] || [ "$i" = 9 ] && name=weak_twice
      printf '\t.text\n\t.%s %s\n\t.type %s,@function\n%s:\n\tmov $%d, %%eax\n\tret\n' \
        "$bind" "$name" "$name" "$name" "$i"
      ;;
    esac
    case $i in 2 | 33 | 60)
      printf '\t.section .text.group_fn,"axG",@progbits,group_fn,comdat\n'
      printf '\t.weak group_fn\n\t.type group_fn,@function\ngroup_fn:\n\tmov $%d, %%eax\n\tret\n' "$i"
      ;;
    esac
    [ "$i" = 50 ] && printf '\t.data\n\t.globl vis_sym\n\t.type vis_sym,@object\nvis_sym:\n\t.long 50\n'
    [ "$i" = 12 ] && printf '\t.hidden vis_sym\n\t.text\n\t.globl get_vis\nget_vis:\n\tmov vis_sym(%%rip), %%eax\n\tret\n'
    printf '\t.section .note.GNU-stack,"",@progbits\n'
  } >o$i.s
done
sources=()
for ((i = 0; i < n; i++)); do sources+=("o$i.s"); done
compile_c "${sources[@]}"

cat >main.c <<'EOF'
#include <stdint.h>
#include <stdio.h>
extern char comm_x[];
int weak_then_strong(void), weak_twice(void), group_fn(void), get_vis(void);
int f_63_299(void), f_0_1(void);
int main(void) {
  printf("strong %d weak %d group %d vis %d f %d %d comm_x aligned %d\n", weak_then_strong(),
         weak_twice(), group_fn(), get_vis(), f_63_299(), f_0_1(),
         (int)((uintptr_t)comm_x % 32 == 0));
  return 0;
}
EOF
compile_c -O1 -o main.o main.c
objs=(main.o)
for ((i = 0; i < n; i++)); do objs+=("o$i.o"); done

link_both prog "${objs[@]}"
run_both_and_compare prog
expect_stdout prog "strong 40 weak 7 group 2 vis 50 f 299 1 comm_x aligned 1"
assert_eq "$(readelf -sW prog.rivet | awk '$8 == "comm_x" { print $3 }')" 64 "the size of comm_x (the largest common)"
assert_eq "$(readelf -sW prog.rivet | awk '$8 == "vis_sym" { print $6 }')" HIDDEN "vis_sym's visibility"
# The serial walk is the reference: --threads=1 against 2 and 16, byte for byte.
for t in 1 2 16; do
  link_rivet prog.t$t "${objs[@]}" -Wl,--threads=$t
done
cmp prog.t1 prog.t2 || fail "the program differs between --threads=1 and --threads=2"
cmp prog.t1 prog.t16 || fail "the program differs between --threads=1 and --threads=16"

# Duplicates: dup_a in objects 4, 44 and 54, dup_b in 4 and 44 (after dup_a there),
# dup_c in 14 and 4 (44's copy comes after 14's, 4's is first). The serial walk reports
# them in file order and, within a file, in symbol order.
for i in 4 14 44 54; do
  case $i in
    4) names="dup_c dup_a dup_b" ;;
    14) names="dup_c" ;;
    44) names="dup_a dup_b" ;;
    54) names="dup_a" ;;
  esac
  {
    printf '\t.text\n'
    for s in $names; do printf '\t.globl %s\n%s:\n\tret\n' "$s" "$s"; done
    printf '\t.section .note.GNU-stack,"",@progbits\n'
  } >d$i.s
done
compile_c d4.s d14.s d44.s d54.s
dobjs=("${objs[@]}")
dobjs[5]="o4.o d4.o"
for t in 1 2 16; do
  # shellcheck disable=SC2086
  expect_link_error dup.t$t "duplicate symbol: dup_a" "duplicate symbol: dup_b" "duplicate symbol: dup_c" -- \
    "$LD_RIVET" -static -o dup.t$t ${dobjs[*]} d14.o d44.o d54.o --threads=$t
  cp dup.t$t.link-stderr dupstderr.t$t
done
order=$(grep -o 'duplicate symbol: dup_.' dupstderr.t1 | tr '\n' ' ')
assert_eq "$order" "duplicate symbol: dup_c duplicate symbol: dup_a duplicate symbol: dup_b duplicate symbol: dup_a " "the order of the duplicate-symbol errors"
cmp dupstderr.t1 dupstderr.t2 || fail "the errors differ between --threads=1 and 2:"$'\n'"$(diff dupstderr.t1 dupstderr.t2)"
cmp dupstderr.t1 dupstderr.t16 || fail "the errors differ between --threads=1 and 16:"$'\n'"$(diff dupstderr.t1 dupstderr.t16)"

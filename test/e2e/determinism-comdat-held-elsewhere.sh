#!/usr/bin/env bash
# An archive member read after another file has claimed one of its COMDAT groups
# loses that group whenever its turn comes, so its copies of the group's sections
# (code, their relocation sections, data) are never made. The result must be the one
# where they were made and then dropped: the first copy kept (ld.bfd's), the program
# as ld.bfd links it, and, at 1, 2 and 16 threads, the same output, the same
# --print-gc-sections messages and the same map, with no trace of a dropped copy.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

# group FILE VALUE: a COMDAT function g returning ext() + VALUE, with a data member
# that points at ext, so that the group holds .text.g, .rela.text.g, .data.g and
# .rela.data.g.
group() {
  cat >>"$1" <<EOF
	.section .text.g,"axG",@progbits,g,comdat
	.globl g
	.type g,@function
g:
	sub \$8, %rsp
	call ext
	add \$$2, %eax
	add \$8, %rsp
	ret
	.section .data.g,"awG",@progbits,g,comdat
	.globl g_data
g_data:
	.quad ext
EOF
}

# A second group, h, held first by c.o (an archive member itself) and lost by d.o.
group_h() {
  cat >>"$1" <<EOF
	.section .text.h,"axG",@progbits,h,comdat
	.globl h
	.type h,@function
h:
	lea $2(%rdi), %eax
	ret
EOF
}

: >a.s
group a.s 1
: >b.s
group b.s 2
cat >>b.s <<'EOF'
	.text
	.globl from_b
	.type from_b,@function
from_b:
	jmp g
EOF
: >c.s
group c.s 3
group_h c.s 100
cat >>c.s <<'EOF'
	.text
	.globl from_c
	.type from_c,@function
from_c:
	jmp from_d
EOF
: >d.s
group d.s 4
group_h d.s 200
cat >>d.s <<'EOF'
	.text
	.globl from_d
	.type from_d,@function
from_d:
	mov $5, %edi
	jmp h
EOF
for f in a b c d; do
  printf '\t.section .note.GNU-stack,"",@progbits\n' >>$f.s
  run gcc -c -o $f.o $f.s
done
run ar rcs libb.a b.o
run ar rcs libc.a c.o
run ar rcs libd.a d.o

cat >main.c <<'EOF'
#include <stdio.h>
int g(void), from_b(void), from_c(void);
extern void *g_data;
int ext(void) { return 40; }
int main(void) {
  printf("g %d from_b %d from_c %d g_data is ext %d\n", g(), from_b(), from_c(),
         g_data == (void *)ext);
  return 0;
}
EOF
compile_c -O1 -o main.o main.c

# a.o holds g first; c.o (extracted after b.o) holds h, which d.o loses.
link_both prog a.o main.o libb.a libc.a libd.a
run_both_and_compare prog
expect_stdout prog "g 41 from_b 41 from_c 105 g_data is ext 1"

for t in 1 2 16; do
  link_rivet prog.t$t a.o main.o libb.a libc.a libd.a \
    -Wl,--gc-sections,--print-gc-sections,-Map=map.t$t,--threads=$t 2>gc.t$t.raw
  grep -v '^+ ' gc.t$t.raw >gc.t$t || true # without the command run echoes
  [ "$(./prog.t$t)" = "g 41 from_b 41 from_c 105 g_data is ext 1" ] ||
    fail "the program linked with --threads=$t prints $(./prog.t$t)"
  # Paths differ only in the map's own name.
  sed "s/map\.t$t/map/" map.t$t >map.t$t.norm
done
for t in 2 16; do
  cmp prog.t1 prog.t$t || fail "the output differs between --threads=1 and --threads=$t"
  cmp gc.t1 gc.t$t || fail "--print-gc-sections differs between 1 and $t threads:"$'\n'"$(diff gc.t1 gc.t$t)"
  cmp map.t1.norm map.t$t.norm || fail "the map differs between 1 and $t threads:"$'\n'"$(diff map.t1.norm map.t$t.norm)"
done
if grep -q '(null)' gc.t1 map.t1; then
  fail "a section without a name is listed:"$'\n'"$(grep '(null)' gc.t1 map.t1)"
fi
# The kept copies are a.o's g and c.o's h, placed; the map lists the dropped ones
# without an address.
placed=$(grep -E '\.(text|data)\.[gh]\)' map.t1 | awk '$1 != "-" { print $NF }' | sort | tr '\n' ' ')
assert_eq "$placed" "a.o:(.data.g) a.o:(.text.g) libc.a(c.o):(.text.h) " "the COMDAT copies placed in the map"
dropped=$(grep -E '\.(text|data)\.[gh]\)' map.t1 | awk '$1 == "-" { print $NF }' | sort | tr '\n' ' ')
assert_eq "$dropped" "libb.a(b.o):(.data.g) libb.a(b.o):(.text.g) libc.a(c.o):(.data.g) libc.a(c.o):(.text.g) libd.a(d.o):(.data.g) libd.a(d.o):(.text.g) libd.a(d.o):(.text.h) " "the dropped COMDAT copies in the map"
echo PASS

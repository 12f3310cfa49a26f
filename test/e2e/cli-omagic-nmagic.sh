#!/usr/bin/env bash
# -N/--omagic, -n/--nmagic and --no-omagic, against ld.bfd: with -N or -n every allocated
# section shares one read-write-execute PT_LOAD, aligned only as its sections ask (not
# to a page), without PT_GNU_RELRO, and GNU ld prints its RWX-segment warning; -N also
# makes the output section .text writable. Both imply -Bstatic for what follows them;
# --no-omagic gives the paged layout back, after either.
#
# Where rivet differs on purpose: its one segment starts at file offset 0 and holds the
# ELF and program headers, so __ehdr_start exists and a static glibc program links and
# runs; ld.bfd leaves the headers out and fails on glibc's reference to __ehdr_start.
# A dynamically linked executable is refused by both (ld.bfd: "PHDR segment not
# covered by LOAD segment").
source "$RIVET_SRC/test/e2e/lib.sh"

PAGE=4096

# load_flags FILE: the PT_LOAD flags in order, e.g. "R RE R RW".
load_flags() {
  phdr_rows "$1" LOAD | awk '{ printf "%s%s", sep, $6; sep = " " } END { print "" }'
}

# assert_same_segments RIVET BFD WHAT: the same PT_LOAD flags, in order, and PT_GNU_RELRO
# in both or in neither.
assert_same_segments() {
  local rivet=$1 bfd=$2 what=$3
  assert_eq "$(load_flags "$rivet")" "$(load_flags "$bfd")" "$what: PT_LOAD flags (as ld.bfd's)"
  assert_eq "$(phdr_rows "$rivet" GNU_RELRO | wc -l)" "$(phdr_rows "$bfd" GNU_RELRO | wc -l)" \
    "$what: PT_GNU_RELRO count (as ld.bfd's)"
}

# assert_unpaged_load FILE WHAT: one PT_LOAD whose p_align is below a page, and whose
# offset and address are congruent modulo the page (the kernel maps whole pages).
assert_unpaged_load() {
  local file=$1 what=$2 off vaddr align
  read -r off vaddr _ _ _ _ align < <(phdr_rows "$file" LOAD)
  [ "$(hex_to_dec "$align")" -lt "$PAGE" ] || fail "$what: expected p_align below $PAGE, got $align"
  assert_eq $((($(hex_to_dec "$off") - $(hex_to_dec "$vaddr")) % PAGE)) 0 \
    "$what: p_offset - p_vaddr modulo the page"
}

# A program without libc, so that ld.bfd's -N and -n outputs run too: it writes a
# string from .rodata through a buffer in .bss, and exits with a counter from .data.
# -fPIE puts the pointer table in .data.rel.ro, which the default layout protects
# with PT_GNU_RELRO.
cat >tiny.c <<'EOF'
static const char msg[] = "omagic\n";
const char *const table[] = {msg};
char buf[64];
long counter = 3;
static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
void _start(void) {
  for (int i = 0; i < (int)sizeof msg - 1; i++)
    buf[i] = table[0][i];
  counter++;
  sys3(1, 1, (long)buf, sizeof msg - 1);
  sys3(60, counter, 0, 0);
}
EOF
compile_c -O1 -fPIE -fno-asynchronous-unwind-tables -o tiny.o tiny.c

# mode NAME OPTIONS...: link tiny.o both ways with OPTIONS, run both, compare.
mode() {
  local name=$1
  shift
  run ld.bfd "$@" tiny.o -o "$name.bfd" 2>"$name.bfd.link-stderr"
  run "$LD_RIVET" "$@" tiny.o -o "$name.rivet" 2>"$name.rivet.link-stderr" ||
    fail "rivet failed to link tiny.o with '$*' (ld.bfd linked it):"$'\n'"$(cat "$name.rivet.link-stderr")"
  run_both_and_compare "$name"
  expect_stdout "$name" omagic
  expect_status "$name" 4
  assert_eq "$(phdr_rows "$name.rivet" GNU_RELRO | wc -l)" "$(phdr_rows "$name.bfd" GNU_RELRO | wc -l)" \
    "$name ($*): PT_GNU_RELRO count (as ld.bfd's)"
  assert_eq "$(section_field "$name.rivet" .text flags)" "$(section_field "$name.bfd" .text flags)" \
    "$name ($*): the flags of .text (as ld.bfd's)"
  elflint_compare "$name"
}

# rwx_warned NAME SIDE: 1 when that link printed the RWX-segment warning, else 0.
rwx_warned() {
  grep -c 'has a LOAD segment with RWX permissions' "$1.$2.link-stderr" || true
}

# The default layout: rivet's RELRO data has a PT_LOAD of its own, where ld.bfd shares
# one with the other data, so only rivet's own default is the reference here.
mode paged
assert_eq "$(load_flags paged.rivet)" "R RE R RW RW" "the default layout"
assert_eq "$(phdr_rows paged.rivet GNU_RELRO | wc -l)" 1 "PT_GNU_RELRO of the default layout"

for opt in -N --omagic -n --nmagic "-n -N" "-N -n"; do
  name=m_$(printf %s "$opt" | tr -d " -")
  # shellcheck disable=SC2086 # the words of $opt are separate options
  mode "$name" $opt
  assert_same_segments "$name.rivet" "$name.bfd" "$opt"
  assert_eq "$(load_flags "$name.rivet")" RWE "$opt: one read-write-execute PT_LOAD"
  assert_unpaged_load "$name.rivet" "$opt (rivet)"
  assert_unpaged_load "$name.bfd" "$opt (ld.bfd)"
  # p_align is the largest section alignment (.bss's 32 here), as in ld.bfd.
  assert_eq "$(phdr_rows "$name.rivet" LOAD | awk '{ print $7 }')" \
    "$(phdr_rows "$name.bfd" LOAD | awk '{ print $7 }')" "$opt: p_align (as ld.bfd's)"
  # Not page-aligned: .rodata follows .text in the same page, in both.
  for side in rivet bfd; do
    text_end=$(($(hex_to_dec "$(section_field "$name.$side" .text addr)") + $(hex_to_dec "$(section_field "$name.$side" .text size)")))
    rodata=$(hex_to_dec "$(section_field "$name.$side" .rodata addr)")
    [ $((rodata - text_end)) -lt "$PAGE" ] ||
      fail "$opt ($side): expected .rodata within a page after .text, got a gap of $((rodata - text_end))"
  done
  assert_eq "$(rwx_warned "$name" rivet)" "$(rwx_warned "$name" bfd)" "$opt: the RWX warning (as ld.bfd's)"
  assert_eq "$(rwx_warned "$name" rivet)" 1 "$opt: the RWX warning"
done
# Only -N makes .text writable, whichever comes last of -n and -N.
assert_eq "$(section_field m_N.rivet .text flags)" WAX "-N: the flags of .text"
assert_eq "$(section_field m_n.rivet .text flags)" AX "-n: the flags of .text"
assert_eq "$(section_field m_nN.rivet .text flags)" WAX "-n -N: the flags of .text"
assert_eq "$(section_field m_Nn.rivet .text flags)" AX "-N -n: the flags of .text"

# -Tdata places .data apart: a second unpaged PT_LOAD, as permissive as what it holds
# (RW), as in ld.bfd. (ld.bfd's program crashes: its second segment's file offset is
# not congruent to its address modulo the page; rivet's must be, and must run.)
run ld.bfd -N -Tdata=0x600000 tiny.o -o tdata.bfd 2>/dev/null
run "$LD_RIVET" -N -Tdata=0x600000 tiny.o -o tdata.rivet 2>/dev/null
assert_eq "$(load_flags tdata.rivet)" "$(load_flags tdata.bfd)" "-N -Tdata: PT_LOAD flags (as ld.bfd's)"
assert_eq "$(load_flags tdata.rivet)" "RWE RW" "-N -Tdata: PT_LOAD flags"
while read -r off vaddr _; do
  assert_eq $((($(hex_to_dec "$off") - $(hex_to_dec "$vaddr")) % PAGE)) 0 \
    "-N -Tdata: p_offset - p_vaddr modulo the page of the segment at $vaddr"
done < <(phdr_rows tdata.rivet LOAD)
_run_one tdata.rivet /dev/null
assert_eq "$(cat tdata.rivet.status) $(cat tdata.rivet.stdout)" "4 omagic" "-N -Tdata: rivet's program"

# --no-omagic undoes either, back to the default layout.
for opt in "-N --no-omagic" "-n --no-omagic"; do
  name=m_$(printf %s "$opt" | tr -d " -")
  # shellcheck disable=SC2086
  mode "$name" $opt
  assert_eq "$(load_flags "$name.rivet")" "$(load_flags paged.rivet)" "$opt: the default PT_LOADs"
  assert_eq "$(phdr_rows "$name.rivet" GNU_RELRO | wc -l)" 1 "$opt: PT_GNU_RELRO"
  assert_eq "$(section_field "$name.rivet" .text addr)" "$(section_field paged.rivet .text addr)" \
    "$opt: the address of .text (as without any option)"
  assert_eq "$(rwx_warned "$name" rivet)" 0 "$opt: no RWX warning"
done

# A static glibc program. ld.bfd's -N/-n output lacks __ehdr_start (its headers are
# not loaded), so only --noinhibit-exec makes it write one; its segments are still
# the reference, and rivet's program must run.
cat >hello.c <<'EOF'
#include <stdio.h>
int counter = 41;
int main(void) {
  counter++;
  printf("hello %d\n", counter);
  return 0;
}
EOF
compile_c -O1 -o hello.o hello.c
for opt in N n; do
  run gcc -static -fuse-ld=bfd -Wl,-$opt -Wl,--noinhibit-exec -o "hello_$opt.bfd" hello.o 2>/dev/null || true
  [ -f "hello_$opt.bfd" ] || fail "ld.bfd -$opt --noinhibit-exec wrote no output"
  link_rivet "hello_$opt.rivet" -Wl,-$opt hello.o
  run_rivet_expect "hello_$opt" "hello 42"
  assert_same_segments "hello_$opt.rivet" "hello_$opt.bfd" "static -$opt"
  assert_eq "$(load_flags "hello_$opt.rivet")" RWE "static -$opt: one read-write-execute PT_LOAD"
  assert_unpaged_load "hello_$opt.rivet" "static -$opt"
  assert_eq "$(section_field "hello_$opt.rivet" .text flags)" \
    "$(section_field "hello_$opt.bfd" .text flags)" "static -$opt: the flags of .text (as ld.bfd's)"
  elflint_compare "hello_$opt"
  # The headers are loaded: __ehdr_start is the start of the one segment.
  assert_eq "$(symbol_field "hello_$opt.rivet" __ehdr_start value)" \
    "$(phdr_rows "hello_$opt.rivet" LOAD | awk '{ sub(/^0x/, "", $2); print $2 }')" \
    "static -$opt: __ehdr_start"
done

# -N implies -Bstatic for the libraries after it: gcc's dynamic link then looks for a
# libgcc_s.a that does not exist, with either linker.
for side in bfd rivet; do
  if [ $side = bfd ]; then ld=(-fuse-ld=bfd); else ld=(-B"$RIVET_LIBEXEC/"); fi
  status=0
  run gcc "${ld[@]}" -Wl,-N -o "dyn.$side" hello.o 2>"dyn.$side.err" || status=$?
  [ "$status" != 0 ] || fail "gcc -Wl,-N with $side: expected a failed link (-lgcc_s as an archive), it succeeded"
  assert_contains "$(cat "dyn.$side.err")" "-lgcc_s" "gcc -Wl,-N with $side"
done
# A shared object named after -N is refused as in a -static link.
so_link_rivet libdso.so -x c - <<<'int dso_value = 1;'
run ld.bfd -N tiny.o ./libdso.so -o explicit.bfd 2>explicit.bfd.err && fail "ld.bfd -N with a .so input: expected an error"
assert_contains "$(cat explicit.bfd.err)" "attempted static link of dynamic object" "ld.bfd -N with a .so input"
expect_link_error explicit.rivet "attempted static link of dynamic object" -- "$LD_RIVET" -N tiny.o ./libdso.so -o explicit.rivet
# With libgcc_s out of the way and a program interpreter asked for, both refuse.
run gcc -fuse-ld=bfd -static-libgcc -Wl,-N -o interp.bfd hello.o 2>interp.bfd.err && fail "ld.bfd -N with an interpreter: expected an error"
assert_contains "$(cat interp.bfd.err)" "PHDR segment not covered by LOAD segment" "ld.bfd -N with an interpreter"
expect_link_error interp.rivet "cannot make a dynamically linked executable" -- \
  gcc -B"$RIVET_LIBEXEC/" -static-libgcc -Wl,-N -o interp.rivet hello.o
expect_link_error pie.rivet "cannot make a dynamically linked executable" -- \
  "$LD_RIVET" -pie -n tiny.o -o pie.rivet

# A shared object links with -N in both, as one RWX segment, and serves a program.
compile_c -fPIC -o lib.o -x c - <<<'int lib_value = 7; int get_value(void) { return lib_value; }'
mkdir -p bfd rivet
run ld.bfd -shared -N lib.o -o bfd/libomagic.so 2>/dev/null
run "$LD_RIVET" -shared -N lib.o -o rivet/libomagic.so
assert_same_segments rivet/libomagic.so bfd/libomagic.so "-shared -N"
assert_eq "$(load_flags rivet/libomagic.so)" RWE "-shared -N: one read-write-execute PT_LOAD"
cat >use.c <<'EOF'
#include <stdio.h>
int get_value(void);
int main(void) {
  printf("value %d\n", get_value());
  return 0;
}
EOF
so_dlink_matrix use use.c -lomagic
so_run_matrix use
so_expect_stdout use "value 7"

#!/usr/bin/env bash
# Options that list what the link did, or change where bytes go, checked for their
# effect: --cref prints GNU ld's cross-reference table (our symbols' blocks as ld.bfd
# prints them, into the -Map file when there is one); -z report-relative-reloc prints
# ld.bfd's line for every RELATIVE relocation of an input section; --print-dependencies
# (mold) names the section each input section takes each symbol from; --zero-to-bss
# (mold) moves an all-zero data section to .bss (the file shrinks, the program runs);
# --no-apply-dynamic-relocs (lld) leaves zero at places .rela.dyn relocates, and the
# program still runs; --no-define-common leaves a shared object's commons undefined, as
# ld.bfd does, for the executable to define (and is refused without -shared);
# --chroot (lld, mold) reads absolute input paths under the given directory; --unique
# gives orphans (or the sections a glob matches) output sections of their own;
# --error-handling-script runs before undefined-symbol and missing-library errors;
# --default-imported-symver versions imports from unversioned libraries by soname;
# --version-exports-section exports only what .exports sections list; -EB warns;
# --out-implib writes GNU ld's import library;
# --orphan-handling=warn|error reports orphan sections as ld.bfd does, discard drops
# them and reports references to them as ld.bfd does; an unaligned
# -Ttext-segment is rounded down with ld.bfd's warning.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ld.bfd ar

cat >main.c <<'EOF2'
#include <stdio.h>
int x = 5;
extern int y;
int *p = &x;
int *q = &y;
static int arr[4];
int *s = &arr[3];
int long_named_function_whose_name_is_longer_than_fifty_columns(void);
int main(void) {
  printf("%d %d %d\n", *p, *q, long_named_function_whose_name_is_longer_than_fifty_columns());
  return *s;
}
EOF2
cat >y.c <<'EOF2'
int y = 3;
int long_named_function_whose_name_is_longer_than_fifty_columns(void) { return 9; }
EOF2
compile_c -fPIE -o main.o main.c
compile_c -fPIE -o y.o y.c

# --cref: the blocks of the names our objects define and use, as ld.bfd prints them
# (ld.bfd also lists the C library's "name@VERSION" spellings, which rivet does not).
gcc -fuse-ld=bfd -pie -o cref.bfd main.o y.o -Wl,--cref >cref.bfd.txt
gcc -B"$RIVET_LIBEXEC/" -pie -o cref.rivet main.o y.o -Wl,--cref >cref.rivet.txt
block() { awk -v s="$1" '$1 == s { p = 1; print; next } p && /^ / { print; next } { p = 0 }' "$2"; }
for sym in x y main printf long_named_function_whose_name_is_longer_than_fifty_columns; do
  want=$(block "$sym" cref.bfd.txt)
  [ -n "$want" ] || fail "ld.bfd's --cref has no block for $sym: the test's premise is wrong"
  assert_eq "$(block "$sym" cref.rivet.txt)" "$want" "--cref block of $sym"
done
assert_contains "$(cat cref.rivet.txt)" "Cross Reference Table" "--cref output"
assert_eq "$(./cref.rivet)" "5 3 9" "the program linked with --cref"
gcc -B"$RIVET_LIBEXEC/" -pie -o cref2.rivet main.o y.o -Wl,--cref,-Map=cref2.map >cref2.stdout
assert_eq "$(cat cref2.stdout)" "" "standard output of --cref with -Map"
assert_eq "$(block y cref2.map)" "$(block y cref.bfd.txt)" "--cref block of y in the -Map file"

# -z report-relative-reloc: ld.bfd's line for each relocation of main.o's words.
gcc -fuse-ld=bfd -pie -o rel.bfd main.o y.o -Wl,-z,report-relative-reloc 2>rel.bfd.txt
gcc -B"$RIVET_LIBEXEC/" -pie -o rel.rivet main.o y.o -Wl,-z,report-relative-reloc 2>rel.rivet.txt
# Offsets and addends are addresses, which differ between the linkers' layouts.
shape() { grep ' in main.o$' "$1" | sed -e 's/^[^:]*: //' -e 's/0x[0-9a-f]*/N/g' | sort; }
want=$(shape rel.bfd.txt)
[ "$(grep -c . <<<"$want")" = 3 ] || fail "expected ld.bfd to report 3 RELATIVE relocations in main.o, got: $want"
assert_eq "$(shape rel.rivet.txt)" "$want" "-z report-relative-reloc lines for main.o"
# Each reported offset and addend is one of .rela.dyn's RELATIVE entries.
while read -r off add; do
  readelf -rW rel.rivet | grep -Eq "^0*${off#0x} +0*8 +R_X86_64_RELATIVE +0*${add#0x}\$" ||
    fail "reported RELATIVE relocation at $off with addend $add is not in .rela.dyn"
done < <(sed -n 's/.*offset: \(0x[0-9a-f]*\), info: 0x8, addend: \(0x[0-9a-f]*\)).*/\1 \2/p' rel.rivet.txt)
assert_eq "$(./rel.rivet)" "5 3 9" "the program linked with -z report-relative-reloc"

# --print-dependencies: main.o's .data.rel takes y from y.o's .data; its .text takes
# printf from the C library and the long-named function from y.o's .text.
deps=$(gcc -B"$RIVET_LIBEXEC/" -pie -o deps main.o y.o -Wl,--print-dependencies)
assert_contains "$deps" "main.o:(.data.rel)"$'\t'"y.o:(.data)"$'\t'"u"$'\t'"y" "--print-dependencies"
assert_contains "$deps" "main.o:(.text)"$'\t'"y.o:(.text)"$'\t'"u"$'\t'"long_named" "--print-dependencies"
grep -q "^main.o:(.text)"$'\t'".*libc.so.6"$'\t'"u"$'\t'"printf\$" <<<"$deps" ||
  fail "expected --print-dependencies to say main.o's .text takes printf from libc, got:"$'\n'"$deps"
assert_not_contains "$deps" $'\t'"x"$'\n' "--print-dependencies (x is main.o's own)"

# --zero-to-bss: 1 MiB of zeros in a data section costs no file bytes.
cat >zeros.c <<'EOF2'
#include <stdio.h>
#include <string.h>
char zeros[1 << 20] __attribute__((section(".data.zeros"))) = {0};
int nonzero[2] = {1, 2};
int main(void) {
  zeros[12345] = 7;
  memset(zeros + 100, 3, 10);
  printf("%d %d %d\n", zeros[12345], zeros[105], nonzero[1]);
  return 0;
}
EOF2
compile_c -o zeros.o zeros.c
gcc -B"$RIVET_LIBEXEC/" -o zeros.plain zeros.o
gcc -B"$RIVET_LIBEXEC/" -o zeros.bss zeros.o -Wl,--zero-to-bss
assert_eq "$(./zeros.plain)" "7 3 2" "output without --zero-to-bss"
assert_eq "$(./zeros.bss)" "7 3 2" "output with --zero-to-bss"
plain=$(stat -c %s zeros.plain) small=$(stat -c %s zeros.bss)
[ $((plain - small)) -ge 1000000 ] || fail "expected --zero-to-bss to save 1 MiB of file, got $plain -> $small bytes"
zidx=$(readelf -sW zeros.bss | awk '$8 == "zeros" { print $7 }')
assert_eq "$(section_name_by_index zeros.bss "$zidx")" ".bss" "section of 'zeros' with --zero-to-bss"
[ $((16#$(section_field zeros.bss .data size))) -lt 4096 ] ||
  fail "expected .data under 4 KiB with --zero-to-bss, got 0x$(section_field zeros.bss .data size)"

# --no-apply-dynamic-relocs: the words .rela.dyn relocates hold zero in the file (lld);
# RELR-packed ones keep their values, which is all RELR has.
gcc -B"$RIVET_LIBEXEC/" -pie -o applied main.o y.o
gcc -B"$RIVET_LIBEXEC/" -pie -o unapplied main.o y.o -Wl,--no-apply-dynamic-relocs
assert_eq "$(./unapplied)" "5 3 9" "output with --no-apply-dynamic-relocs"
word_at() { # FILE ADDRESS: the 8-byte word at a virtual address, from the file
  local a=$((16#${2#0x})) type off vaddr paddr filesz rest
  while read -r type off vaddr paddr filesz rest; do
    if [ "$type" = LOAD ] && [ "$a" -ge $((vaddr)) ] && [ "$a" -lt $((vaddr + filesz)) ]; then
      od -An -tx8 -j $((a - vaddr + off)) -N8 "$1" | tr -d ' '
      return
    fi
  done < <(readelf -lW "$1")
  fail "no LOAD segment holds address $2 in $1"
}
p_addr=$(readelf -sW unapplied | awk '$8 == "p" { print $2 }')
assert_eq "$(word_at unapplied "$p_addr")" 0000000000000000 "the word of p with --no-apply-dynamic-relocs"
x_addr=$(readelf -sW applied | awk '$8 == "x" { print $2 }')
assert_eq "$(word_at applied "$(readelf -sW applied | awk '$8 == "p" { print $2 }')")" "$x_addr" "the word of p by default (the address of x)"
gcc -B"$RIVET_LIBEXEC/" -pie -o relr main.o y.o -Wl,--no-apply-dynamic-relocs,-z,pack-relative-relocs
assert_eq "$(./relr)" "5 3 9" "output with --no-apply-dynamic-relocs and RELR"
assert_eq "$(word_at relr "$(readelf -sW relr | awk '$8 == "p" { print $2 }')")" "$(readelf -sW relr | awk '$8 == "x" { print $2 }')" "a RELR-packed word keeps its value"

# --no-define-common: the shared object's common stays undefined (as ld.bfd leaves it)
# and the executable's definition is the one it uses.
cat >cm.c <<'EOF2'
int common_var;
int get(void) { return common_var; }
EOF2
cat >cmain.c <<'EOF2'
#include <stdio.h>
int common_var = 42;
int get(void);
int main(void) { printf("%d\n", get()); return 0; }
EOF2
compile_c -fcommon -fPIC -o cm.o cm.c
compile_c -o cmain.o cmain.c
mkdir -p rivet bfd
gcc -B"$RIVET_LIBEXEC/" -shared -o rivet/libcm.so cm.o -Wl,--no-define-common
gcc -fuse-ld=bfd -shared -o bfd/libcm.so cm.o -Wl,--no-define-common
dynsym_row() { readelf --dyn-syms -W "$1" | awk '$8 == "common_var" { print $3, $4, $5, $6, $7 }'; }
assert_eq "$(dynsym_row rivet/libcm.so)" "$(dynsym_row bfd/libcm.so)" ".dynsym entry of common_var"
assert_eq "$(dynsym_row rivet/libcm.so)" "0 OBJECT GLOBAL DEFAULT UND" ".dynsym entry of common_var"
gcc -fuse-ld=bfd -o cm-exe cmain.o -Lrivet -lcm -Wl,-rpath,"$PWD/rivet"
assert_eq "$(./cm-exe)" 42 "the library's common, defined by the executable"
gcc -B"$RIVET_LIBEXEC/" -shared -o rivet/libcm-defined.so cm.o
assert_contains "$(readelf --dyn-syms -W rivet/libcm-defined.so | awk '$8 == "common_var"')" " 4 OBJECT  GLOBAL DEFAULT" "common_var without --no-define-common"
expect_link_error cm-static "--no-define-common may not be used without -shared" -- \
  gcc -B"$RIVET_LIBEXEC/" -o cm-static cm.o cmain.c -Wl,--no-define-common

# --chroot: absolute paths of inputs (files, -L directories) are read under it.
cat >f.c <<'EOF2'
int f(void) { return 7; }
EOF2
cat >fmain.c <<'EOF2'
int f(void);
int main(void) { return f(); }
EOF2
compile_c -O1 -fno-pie -o f.o f.c
compile_c -O1 -fno-pie -o fmain.o fmain.c
make_start_object start.o
mkdir -p root/abs/dir
cp f.o root/abs/dir/
run ar rcs root/abs/dir/libf.a f.o
run "$LD_RIVET" -static -o chroot-file start.o fmain.o --chroot="$PWD/root" /abs/dir/f.o
status=0
./chroot-file || status=$?
assert_eq "$status" 7 "exit status of the program linked with --chroot and /abs/dir/f.o"
run "$LD_RIVET" -static -o chroot-lib start.o fmain.o --chroot "$PWD/root" -L/abs/dir -lf
status=0
./chroot-lib || status=$?
assert_eq "$status" 7 "exit status of the program linked with --chroot and -L/abs/dir -lf"
expect_link_error nochroot "/abs/dir/f.o" -- "$LD_RIVET" -static -o nochroot start.o fmain.o /abs/dir/f.o

# --unique: each orphan input section (.foo, from two objects) gets an output section
# of its own; --unique=GLOB does so for the sections it matches, which keep their
# names (.text.f1 stays .text.f1), as ld.bfd does. The program runs either way.
cat >u1.c <<'EOF2'
__attribute__((section(".foo"))) int foo1 = 1;
int f1(void) { return foo1; }
EOF2
cat >u2.c <<'EOF2'
__attribute__((section(".foo"))) int foo2 = 2;
int f2(void) { return foo2; }
EOF2
cat >umain.c <<'EOF2'
#include <stdio.h>
int f1(void), f2(void);
int main(void) { printf("%d\n", f1() + f2()); return 0; }
EOF2
compile_c -ffunction-sections -o u1.o u1.c
compile_c -o u2.o u2.c
compile_c -o umain.o umain.c
sections_named() { readelf -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] //p' | awk -v re="$2" '$1 ~ re { print $1, $2, $5, $7 }'; }
for u in --unique --unique=.text.f1 '--unique=.text.*' '--unique=.fo*'; do
  gcc -fuse-ld=bfd -o unique.bfd umain.o u1.o u2.o -Wl,"$u"
  gcc -B"$RIVET_LIBEXEC/" -o unique.rivet umain.o u1.o u2.o -Wl,"$u"
  assert_eq "$(./unique.rivet)" 3 "output of the program linked with $u"
  for re in '^\.foo$' '^\.text'; do
    assert_eq "$(sections_named unique.rivet "$re")" "$(sections_named unique.bfd "$re")" "sections matching $re with $u"
  done
done
[ "$(sections_named unique.rivet '^\.foo$' | wc -l)" = 2 ] || fail "expected two .foo output sections with --unique=.fo*"

# --error-handling-script: run before each undefined-symbol and missing-library error,
# with GNU ld's arguments; its standard output is dropped, its standard error shown.
cat >hint.sh <<'EOF2'
#!/bin/sh
echo "$1 $2" >>hint.log
echo "hint for $2" >&2
echo "not shown"
EOF2
chmod +x hint.sh
cat >undef.c <<'EOF2'
int nowhere(void);
int main(void) { return nowhere(); }
EOF2
compile_c -o undef.o undef.c
rm -f hint.log
expect_link_error undef.out "undefined reference to \`nowhere'" -- \
  gcc -B"$RIVET_LIBEXEC/" -o undef.out undef.o -Wl,--error-handling-script=./hint.sh
# (The thread-count check links three times: each link runs the script once.)
assert_eq "$(sort -u hint.log)" "undefined-symbol nowhere" "arguments of the error handling script"
assert_contains "$LINK_STDERR" "hint for nowhere" "the script's standard error"
assert_not_contains "$LINK_STDERR" "not shown" "the script's standard output"
rm -f hint.log
expect_link_error nolib.out "-lnosuchlibrary" -- \
  gcc -B"$RIVET_LIBEXEC/" -o nolib.out umain.o u1.o u2.o -lnosuchlibrary -Wl,--error-handling-script=./hint.sh
assert_eq "$(sort -u hint.log)" "missing-lib -lnosuchlibrary" "arguments of the error handling script"
rm -f hint.log
gcc -fuse-ld=bfd -o nolib.bfd umain.o u1.o u2.o -lnosuchlibrary -Wl,--error-handling-script=./hint.sh 2>/dev/null || true
assert_eq "$(cat hint.log)" "missing-lib -lnosuchlibrary" "arguments of the error handling script (ld.bfd)"

# --default-imported-symver: imports from a library without symbol versions need a
# version named after its soname, as ld.bfd writes (glibc's loader then refuses such
# a program with either linker, so neither is run).
cat >nv.c <<'EOF2'
int nv_func(void) { return 4; }
int nv_data = 5;
EOF2
cat >nvmain.c <<'EOF2'
#include <stdio.h>
int nv_func(void);
extern int nv_data;
int main(void) { printf("%d\n", nv_func() + nv_data); return 0; }
EOF2
compile_c -fPIC -o nv.o nv.c
compile_c -o nvmain.o nvmain.c
gcc -fuse-ld=bfd -shared -nostdlib -o libnv.so nv.o -Wl,-soname,libnv.so.1
gcc -fuse-ld=bfd -o nv.bfd nvmain.o -L. -lnv -Wl,--default-imported-symver
gcc -B"$RIVET_LIBEXEC/" -o nv.rivet nvmain.o -L. -lnv -Wl,--default-imported-symver
imports() { readelf --dyn-syms -W "$1" | awk '$8 ~ /^nv_/ { print $8 }' | sort; }
assert_eq "$(imports nv.rivet)" "$(imports nv.bfd)" "versions of the imports with --default-imported-symver"
assert_eq "$(imports nv.rivet)" $'nv_data@libnv.so.1\nnv_func@libnv.so.1' "versions of the imports"
assert_contains "$(readelf -VW nv.rivet)" "File: libnv.so.1  Cnt: 1" "the version need of libnv.so.1"
gcc -B"$RIVET_LIBEXEC/" -o nv.plain nvmain.o -L. -lnv -Wl,-rpath,"$PWD"
assert_eq "$(imports nv.plain)" $'nv_data\nnv_func' "imports without --default-imported-symver"

# -EB: no big-endian x86-64 target; ld.bfd warns and links little-endian, as rivet does.
bfd_err=$(gcc -fuse-ld=bfd -o eb.bfd umain.o u1.o u2.o -Wl,-EB 2>&1)
rivet_err=$(gcc -B"$RIVET_LIBEXEC/" -o eb.rivet umain.o u1.o u2.o -Wl,-EB 2>&1)
assert_contains "$rivet_err" "${bfd_err#*: }" "the -EB warning"
assert_eq "$(./eb.rivet)" 3 "output of the program linked with -EB"

# --version-exports-section=V: the names an .exports section lists are exported in
# version V, every other name is local, and the section is not output (ld.bfd).
cat >exports.s <<'EOF2'
	.text
	.globl listed, unlisted
	.type listed, @function
listed: ret
	.type unlisted, @function
unlisted: ret
	.section .exports,"",@progbits
	.asciz "listed"
	.section .note.GNU-stack,"",@progbits
EOF2
run as -o exports.o exports.s
ld.bfd -shared -o libexports.bfd.so exports.o --version-exports-section=VERS_X
"$LD_RIVET" -shared -o libexports.rivet.so exports.o --version-exports-section=VERS_X
exported() { readelf --dyn-syms -W "$1" | awk '$7 != "UND" && $5 != "LOCAL" && NR > 3 { print $4, $5, $8 }' | sort; }
assert_eq "$(exported libexports.rivet.so)" "$(exported libexports.bfd.so)" "exports with --version-exports-section"
assert_contains "$(exported libexports.rivet.so)" "FUNC GLOBAL listed@@VERS_X" "exports with --version-exports-section"
assert_not_contains "$(exported libexports.rivet.so)" "unlisted" "exports with --version-exports-section"
has_section libexports.rivet.so .exports && fail "expected no .exports section in the output"
"$LD_RIVET" -shared -o libexports.plain.so exports.o
assert_contains "$(exported libexports.plain.so)" "unlisted" "exports without the option"

# --orphan-handling=warn|error: a line for each input section GNU ld's default script
# does not name (.foo, .tm_clone_table, .note.ABI-tag, the first .note.gnu.property),
# the same lines as ld.bfd's (which also names its own dynamic relocation sections,
# left out here); error fails the link. place is the default.
strip_prefix() { sed -n 's/^[^ ]*ld[^ ]*: \(warning: orphan section\)/\1/p' | grep -v "\`\.rela\." || true; }
want=$(gcc -fuse-ld=bfd -o orphans.bfd umain.o u1.o u2.o -Wl,--orphan-handling=warn 2>&1 | strip_prefix)
got=$(gcc -B"$RIVET_LIBEXEC/" -o orphans.rivet umain.o u1.o u2.o -Wl,--orphan-handling=warn 2>&1 | strip_prefix)
assert_contains "$want" "orphan section \`.foo' from \`u1.o' being placed in section \`.foo'" "ld.bfd's orphan warnings"
assert_eq "$got" "$want" "orphan warnings (as ld.bfd's)"
assert_eq "$(./orphans.rivet)" 3 "output of the program linked with --orphan-handling=warn"
expect_link_error orphans.err "unplaced orphan section \`.foo' from \`u2.o'" -- \
  gcc -B"$RIVET_LIBEXEC/" -o orphans.err umain.o u1.o u2.o -Wl,--orphan-handling=error
assert_eq "$(gcc -B"$RIVET_LIBEXEC/" -o orphans.place umain.o u1.o u2.o -Wl,--orphan-handling=place 2>&1)" "" "--orphan-handling=place"
# discard: the orphans go (no section, no property note), and a reference to a symbol
# defined in one is an error in GNU ld's words, as ld.bfd reports it.
cat >od1.c <<'EOF'
__attribute__((section("myorphan"))) int orphan_var = 42;
__attribute__((section("myorphan2"))) int orphan_unref = 7;
static int counter;
void _start(void) { counter++; for (;;) ; }
EOF
cat >od2.c <<'EOF'
__attribute__((section("myorphan"))) int orphan_var = 42;
int use(void) { return orphan_var; }
void _start(void) { use(); for (;;) ; }
EOF
compile_c -O1 -fcf-protection=full -o od1.o od1.c
compile_c -O1 -fcf-protection=full -o od2.o od2.c
run ld.bfd --orphan-handling=discard -o od1.bfd od1.o
run "$LD_RIVET" --orphan-handling=discard -o od1.rivet od1.o
sections_of() { readelf -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) .*/\1/p' | grep -E '^(myorphan|\.note|\.text|\.bss)' | sort; }
assert_eq "$(sections_of od1.rivet)" "$(sections_of od1.bfd)" "sections kept by --orphan-handling=discard"
has_section od1.rivet myorphan && fail "--orphan-handling=discard kept myorphan"
want=$( (ld.bfd --orphan-handling=discard -o od2.bfd od2.o 2>&1 || true) | grep -o "\`orphan_var' referenced.*")
assert_contains "$want" "defined in discarded section \`myorphan' of od2.o" "ld.bfd's discarded-reference error"
expect_link_error od2.rivet "$want" -- "$LD_RIVET" --orphan-handling=discard -o od2.rivet od2.o

# --out-implib FILE (GNU ld's ELF import library): the output's headers and its global
# definitions (not hidden ones, not undefined ones) as absolute symbols, at the output's
# values; the same symbols as ld.bfd's.
cat >implib.c <<'EOF'
int gdef = 1;
__attribute__((weak)) int wdef = 2;
__attribute__((visibility("hidden"))) int hdef = 3;
__attribute__((visibility("protected"))) int pdef = 4;
static int sdef = 5;
extern int undef_ref;
int func(void) { return gdef + wdef + hdef + pdef + sdef + undef_ref; }
__thread int tl = 6;
EOF
compile_c -fPIC -o implib.o implib.c
run ld.bfd -shared --out-implib=implib.bfd -o libimplib.bfd.so implib.o
run "$LD_RIVET" -shared --out-implib=implib.rivet -o libimplib.rivet.so implib.o
imp_syms() { readelf -sW "$1" 2>/dev/null | awk 'NR > 3 && $1 ~ /:$/ && $8 != "" {print $8, $4, $5, $6, $7}' | sort; }
assert_eq "$(imp_syms implib.rivet)" "$(imp_syms implib.bfd)" "--out-implib symbols (as ld.bfd's)"
assert_contains "$(imp_syms implib.rivet)" "func FUNC GLOBAL DEFAULT ABS" "--out-implib symbols"
want=$(readelf -sW libimplib.rivet.so | awk '$8 == "func" && $7 != "UND" {print $2; exit}')
got=$(readelf -sW implib.rivet | awk '$8 == "func" {print $2}')
assert_eq "$got" "$want" "func's value in the import library (the output's)"
assert_eq "$(readelf -hW implib.rivet | awk '/Number of program headers/ {print $NF}')" \
  "$(readelf -hW libimplib.rivet.so | awk '/Number of program headers/ {print $NF}')" "--out-implib program headers"

# --no-check-sections: --section-start may put a section over another (GNU ld writes
# it; by default both refuse): .data at .text's address, both present in the output.
printf '.globl _start\n_start: mov var(%%rip), %%eax\n ret\n.data\nvar: .long 1\n.section .note.GNU-stack,"",@progbits\n' >overlap.s
run as -o overlap.o overlap.s
status=0
"$LD_RIVET" --section-start=.data=0x401000 -o overlap.out overlap.o 2>/dev/null || status=$?
assert_eq "$status" 1 "exit status of an overlapping --section-start without --no-check-sections"
run ld.bfd --no-check-sections --section-start=.data=0x401000 -o overlap.bfd overlap.o
run "$LD_RIVET" --no-check-sections --section-start=.data=0x401000 -o overlap.rivet overlap.o
addr_of() { readelf -SW "$1" | sed 's/^ *\[ *[0-9]*\] *//' | awk -v s="$2" '$1 == s {print $3}'; }
assert_eq "$(addr_of overlap.rivet .data)" 0000000000401000 ".data's address under --no-check-sections"
assert_eq "$(addr_of overlap.rivet .text)" "$(addr_of overlap.bfd .text)" ".text's address (as ld.bfd's)"

# -Ttext-segment (and lld's --image-base) at an address that is not a multiple of the
# maximum page size: the first segment starts at file offset 0, so GNU ld rounds the
# address down, with its warning; p_vaddr and p_offset stay congruent (gABI).
printf '.globl _start\n_start: ret\n.data\n.long 1\n.section .note.GNU-stack,"",@progbits\n' >tseg.s
run as -o tseg.o tseg.s
want=$(ld.bfd -Ttext-segment 0x10000 -z max-page-size=0x200000 -o tseg.bfd tseg.o 2>&1 | sed 's/^[^:]*: //')
got=$("$LD_RIVET" -Ttext-segment 0x10000 -z max-page-size=0x200000 -o tseg.rivet tseg.o 2>&1 | sed 's/^[^:]*: //')
assert_eq "$got" "$want" "the -Ttext-segment warning (as ld.bfd)"
first_load() { readelf -lW "$1" | awk '$1 == "LOAD" { print $2, $3; exit }'; }
assert_eq "$(first_load tseg.rivet)" "$(first_load tseg.bfd)" "offset and address of the first LOAD (as ld.bfd)"
while read -r off vaddr align; do
  [ $((off % align)) = $((vaddr % align)) ] || fail "LOAD at $vaddr, offset $off: not congruent modulo $align"
done < <(readelf -lW tseg.rivet | awk '$1 == "LOAD" { print $2, $3, $NF }')
got=$("$LD_RIVET" --image-base=0x10000 -z max-page-size=0x200000 -o tseg2.rivet tseg.o 2>&1)
assert_contains "$got" "--image-base: address isn't multiple of page size: 0x10000" "the --image-base warning (as ld.lld)"
# Unpaged output (-n) is aligned to its sections only: no rounding, no warning (ld.bfd).
want=$(ld.bfd -n -z max-page-size=0x200000 -Ttext-segment 0x10000 -o tseg3.bfd tseg.o 2>&1 | sed 's/^[^:]*: //; s/tseg3.bfd/OUT/')
got=$("$LD_RIVET" -n -z max-page-size=0x200000 -Ttext-segment 0x10000 -o tseg3.rivet tseg.o 2>&1 | sed 's/^[^:]*: //; s/tseg3.rivet/OUT/')
assert_eq "$got" "$want" "messages of -n -Ttext-segment 0x10000 (as ld.bfd)"
assert_eq "$(readelf -lW tseg3.rivet | awk '$1 == "LOAD" { print $3; exit }')" 0x0000000000010000 "address of the first LOAD with -n"

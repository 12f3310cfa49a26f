#!/usr/bin/env bash
# -r: an object a later link turns into the same program as the objects it was made
# of. Each case links rivet's -r output with rivet, ld.bfd and ld.lld and runs the
# three programs against the one linked from the original objects. Checked too, each
# against ld.bfd's -r output of the same inputs: the global symbols (nm: commons stay
# common unless -d, weak stays weak, undefined stays undefined, .symver names and
# STB_GNU_UNIQUE kept), the COMDAT groups (one per signature, with their relocation
# sections), .note.GNU-stack, x86 feature notes; that .eh_frame keeps no FDE of a
# dropped COMDAT copy; that more than 65280 sections go through SHN_XINDEX (gABI); the
# errors for what only a final link can mean; the output file's mode (not executable).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools readelf nm ld.bfd ld.lld eu-elflint python3

# run_three BASE REF LINKER-ARGS...: links BASE.{rivet,bfd,lld} from the same inputs
# with the gcc (or $DRIVER) driver and checks that each prints what ./REF printed.
output_of() { (set +e; "./$1" 2>&1; echo "status $?"); }
run_three() {
  local base=$1 ref=$2
  shift 2
  local driver=${DRIVER:-gcc}
  run "$driver" -B"$RIVET_LIBEXEC/" -o "$base.rivet" "$@"
  run "$driver" -fuse-ld=bfd -o "$base.bfd" "$@"
  run "$driver" -fuse-ld=lld -o "$base.lld" "$@"
  local want got
  want=$(output_of "$ref")
  for l in rivet bfd lld; do
    got=$(output_of "$base.$l")
    [ "$got" = "$want" ] || fail "$base linked by $l from rivet's -r output printed '$got', the original objects' program '$want'"
  done
}

# same_globals A.o B.o: the global symbols' names and nm letters agree.
same_globals() {
  nm "$1" | awk 'NF == 3 && $2 ~ /[A-Z]/ {print $3, $2} NF == 2 {print $2, $1}' | sort >"$1.nm"
  nm "$2" | awk 'NF == 3 && $2 ~ /[A-Z]/ {print $3, $2} NF == 2 {print $2, $1}' | sort >"$2.nm"
  diff -u "$2.nm" "$1.nm" >&2 || fail "$1: global symbols differ from ld.bfd's -r output $2"
}

# ---- C++: templates (COMDAT), exceptions thrown across objects, a unique object ----
cat >tmpl.h <<'EOF'
#include <stdexcept>
#include <string>
template <class T> __attribute__((noinline)) T checked(T x) {
  if (x > 100) throw std::out_of_range("too big: " + std::to_string(x));
  return x;
}
inline int &shared_counter() { static int c; return c; } /* STB_GNU_UNIQUE */
EOF
cat >cx1.cc <<'EOF'
#include "tmpl.h"
int from_one(int x) { ++shared_counter(); return checked(x) + checked(long(x)); }
EOF
cat >cx2.cc <<'EOF'
#include <cstdio>
#include "tmpl.h"
int from_one(int);
int main() {
  ++shared_counter();
  std::printf("%d %ld\n", from_one(20), checked(7L));
  try { from_one(500); } catch (const std::out_of_range &e) { std::printf("caught %s\n", e.what()); }
  std::printf("counter %d\n", shared_counter());
}
EOF
compile_cxx -O1 -o cx1.o cx1.cc
compile_cxx -O1 -o cx2.o cx2.cc
run g++ -fuse-ld=bfd -o cx.ref cx1.o cx2.o
run "$LD_RIVET" -r -o cx.o cx1.o cx2.o
run ld.bfd -r -o cx.bfd.o cx1.o cx2.o
DRIVER=g++ run_three cx cx.ref cx.o
same_globals cx.o cx.bfd.o
readelf -gW cx.o | grep -o "COMDAT group section \[ *[0-9]*\] \`.group' \[[^]]*\]" |
  sed 's/.*\[//; s/\]$//' | sort >groups.rivet
readelf -gW cx.bfd.o | grep -o "COMDAT group section \[ *[0-9]*\] \`.group' \[[^]]*\]" |
  sed 's/.*\[//; s/\]$//' | sort >groups.bfd
[ -s groups.rivet ] || fail "cx.o has no COMDAT group"
diff -u groups.bfd groups.rivet >&2 || fail "cx.o: COMDAT group signatures differ from ld.bfd's"
[ "$(sort -u groups.rivet | wc -l)" = "$(wc -l <groups.rivet)" ] || fail "a COMDAT signature is written twice"
# Each group lists its members' relocation sections too.
readelf -gW cx.o | grep -q '\.rela\.' || fail "no group lists a relocation section"
# No FDE of the dropped copies of checked<int>/checked<long>: no type-0 relocation.
if readelf -rW cx.o | grep -q R_X86_64_NONE; then
  fail "cx.o keeps relocations of dropped FDEs (R_X86_64_NONE)"
fi
eu-elflint --gnu-ld -q cx.o >elflint.out 2>&1 || true
[ ! -s elflint.out ] || fail "eu-elflint on cx.o: $(head -3 elflint.out)"
[ "$(stat -c %a cx.o)" = "$(stat -c %a cx.bfd.o)" ] || fail "cx.o mode $(stat -c %a cx.o), ld.bfd's $(stat -c %a cx.bfd.o)"
# Chained: a -r of the -r output links to the same program.
run "$LD_RIVET" -r -o cx2r.o cx.o
DRIVER=g++ run_three cx2r cx.ref cx2r.o

# ---- C: commons, TLS of several models, weak undefined, .symver ----
cat >c1.c <<'EOF'
#include <stdio.h>
int common_a;
int common_b[10];
__thread int tls_gd = 7;
static __thread int tls_local = 3;
extern __thread int tls_ext;
__attribute__((weak)) extern int weak_undef;
static int counter = 1;
int bump(void);
int local_tls(void) { return ++tls_local + counter++; }
int foo_v1(void) { return 1; }
int foo_v2(void) { return 2; }
__asm__(".symver foo_v1,foo@VER_1");
__asm__(".symver foo_v2,foo@@VER_2");
int main(void) {
  common_a = 4;
  printf("%d %d %d %d %d %d\n", common_a, tls_gd, local_tls(), &weak_undef == 0, tls_ext, bump());
  return 0;
}
EOF
cat >c2.c <<'EOF'
int common_a;
long common_b[20];
__thread int tls_ext = 11;
static int counter = 5;
int bump(void) { return ++counter; }
EOF
compile_c -fcommon -fPIC -O1 -g -o c1.o c1.c
compile_c -fcommon -fPIC -O1 -g -o c2.o c2.c
run gcc -fuse-ld=bfd -o c.ref c1.o c2.o
run "$LD_RIVET" -r -o c.o c1.o c2.o
run ld.bfd -r -o c.bfd.o c1.o c2.o
run_three c c.ref c.o
same_globals c.o c.bfd.o
nm c.o | grep -q ' C common_b$' || fail "common_b is not common in c.o"
[ "$(nm -S c.o | awk '$4 == "common_b" {print $2}')" = 00000000000000a0 ] ||
  fail "common_b does not have the larger size (160)"
nm c.o | grep -q ' w weak_undef$' || fail "weak_undef is not a weak undefined symbol in c.o"
nm c.o | grep -q ' T foo@@VER_2$' || fail "foo@@VER_2 is not kept"
nm c.o | grep -q ' T foo@VER_1$' || fail "foo@VER_1 is not kept"
readelf -sW c.o | grep -q 'TLS *LOCAL .* tls_local$' || fail "the local TLS symbol a relocation names is not kept"
# -d: commons get space (.bss), as ld.bfd does.
run "$LD_RIVET" -r -d -o cd.o c1.o c2.o
run ld.bfd -r -d -o cd.bfd.o c1.o c2.o
same_globals cd.o cd.bfd.o
run_three cd c.ref cd.o
# -z common: commons are written STT_COMMON, else STT_OBJECT (GNU ld).
readelf -sW c.o | grep -q 'OBJECT  GLOBAL DEFAULT  COM common_b$' || fail "c.o: common_b is not an STT_OBJECT common"
run "$LD_RIVET" -r -z common -o czc.o c1.o c2.o
readelf -sW czc.o | grep -q 'COMMON  GLOBAL DEFAULT  COM common_b$' || fail "-z common: common_b is not STT_COMMON"
run ld.bfd -r -z common -o czc.bfd.o c1.o c2.o
common_type() { readelf -sW "$1" | awk '$8 == "common_b" {print $4, $7}'; }
[ "$(common_type czc.o)" = "$(common_type czc.bfd.o)" ] || fail "-z common: common_b is '$(common_type czc.o)', ld.bfd's '$(common_type czc.bfd.o)'"
run_three czc c.ref czc.o
# -x drops the locals no relocation names, keeps those one does.
run "$LD_RIVET" -r -x -o cxl.o c1.o c2.o
readelf -sW cxl.o | grep -q ' [0-9]* FILE ' && fail "-x kept the file symbols"
readelf -sW cxl.o | grep -q ' tls_local$' || fail "-x dropped tls_local, which a relocation names"
run_three cxl c.ref cxl.o

# --defsym: an absolute symbol, and one relative to a definition (its section's).
run "$LD_RIVET" -r --defsym=magic_number=0x1234 --defsym=after_bump=bump+4 -o cdef.o c1.o c2.o
readelf -sW cdef.o | grep -q '0000000000001234 .* ABS magic_number$' || fail "cdef.o: no absolute magic_number"
[ "$(nm cdef.o | awk '$3 == "after_bump" {print $2}')" = T ] || fail "cdef.o: after_bump is not a .text symbol"
want=$(printf '%016x' $((0x$(nm cdef.o | awk '$3 == "bump" {print $1}') + 4)))
[ "$(nm cdef.o | awk '$3 == "after_bump" {print $1}')" = "$want" ] || fail "cdef.o: after_bump is not bump+4"
# -s: only the locals relocations need stay (GNU ld); the program still links and runs.
run "$LD_RIVET" -r -s -o cs.o c1.o c2.o
readelf -sW cs.o | grep -q ' FILE ' && fail "-r -s kept file symbols"
readelf -SW cs.o | grep -q '\.debug_info' && fail "-r -s kept .debug_info"
run_three cs c.ref cs.o

# --split-by-file=SIZE (GNU ld): a new output section NAME.N where SIZE bytes are
# reached, at the address its first member had; the program still links and runs.
run "$LD_RIVET" -r --split-by-file=16 -o csplit.o c1.o c2.o
readelf -SW csplit.o | grep -q ' \.text\.0 ' || fail "--split-by-file=16 made no .text.0"
addr=$(readelf -SW csplit.o | awk '$2 == ".text.0" {print $4}')
[ "$((0x$addr))" -gt 0 ] || fail "csplit.o: .text.0 does not keep its address within .text"
run ld.bfd -r --split-by-file=16 -o csplit.bfd.o c1.o c2.o
bfd_addr=$(readelf -SW csplit.bfd.o | awk '$2 == ".text.0" {print $4}')
[ "$addr" = "$bfd_addr" ] || fail "csplit.o: .text.0 at 0x$addr, ld.bfd's at 0x$bfd_addr"
status=0
"$LD_RIVET" --split-by-file -o split.out c2.o -e bump 2>err.txt || status=$?
[ "$status" = 1 ] && grep -q -- "--split-by-file: split sections in a final link are not supported" err.txt ||
  fail "--split-by-file in a final link: status $status, '$(cat err.txt)'"

# ---- Archives: members pulled by -u, by references, by --whole-archive ----
run ar rcs libc2.a c2.o
run "$LD_RIVET" -r -o pulled.o c1.o libc2.a
nm pulled.o | grep -q ' T bump$' || fail "the member defining bump was not extracted"
run "$LD_RIVET" -r -o alone.o -u bump libc2.a
nm alone.o | grep -q ' T bump$' || fail "-u bump did not extract its member"
run "$LD_RIVET" -r -o whole.o --whole-archive libc2.a
nm whole.o | grep -q ' T bump$' || fail "--whole-archive did not extract the member"

# ---- Notes ----
compile_c -fcf-protection=full -o ibt1.o c2.c
compile_c -fcf-protection=full -o ibt2.o -x c - <<<'int ibt_two(void) { return 2; }'
run "$LD_RIVET" -r -o ibt.o ibt1.o ibt2.o
readelf -nW ibt.o | grep -q 'IBT, SHSTK' || fail "ibt.o lost the IBT/SHSTK property all inputs have"
compile_c -fcf-protection=none -o noibt.o -x c - <<<'int no_ibt(void) { return 3; }'
run "$LD_RIVET" -r -o mixed.o ibt1.o noibt.o
if readelf -nW mixed.o | grep -q 'IBT'; then fail "mixed.o claims IBT though noibt.o lacks it"; fi
readelf -SW ibt.o | grep -q '\.note\.GNU-stack' || fail "ibt.o has no .note.GNU-stack"
readelf -SW ibt.o | grep '\.note\.GNU-stack' | grep -q ' X ' && fail ".note.GNU-stack asks for an executable stack"
run "$LD_RIVET" -r -z execstack -o exec.o ibt1.o
readelf -SW exec.o | grep '\.note\.GNU-stack' | grep -Eq ' X +0' || fail "-z execstack: .note.GNU-stack is not SHF_EXECINSTR"

# ---- More than 65280 sections: SHN_XINDEX symbols, e_shnum 0 ----
python3 - <<'EOF'
with open("many.s", "w") as f:
    for i in range(33000):
        f.write(f'.section .text.f{i},"axG",@progbits,g{i},comdat\n.globl g{i}\ng{i}: mov ${i}, %eax\nret\n')
    f.write('.section .note.GNU-stack,"",@progbits\n')
EOF
run gcc -c -o many.o many.s
cat >many-main.c <<'EOF'
#include <stdio.h>
int g32999(void), g30517(void), g123(void);
int main(void) { printf("%d %d %d\n", g32999(), g30517(), g123()); return 0; }
EOF
compile_c -o many-main.o many-main.c
run gcc -fuse-ld=bfd -o many.ref many.o many-main.o
run "$LD_RIVET" -r -o manyr.o many.o many-main.o
readelf -hW manyr.o | grep -q 'Number of section headers: *0 (' || fail "manyr.o: e_shnum is not 0 past SHN_LORESERVE"
readelf -SW manyr.o | grep -q SYMTAB_SHNDX -i || readelf -SW manyr.o | grep -q 'SYMTAB SECTION INDICES' ||
  fail "manyr.o has no SHT_SYMTAB_SHNDX section"
run_three many many.ref manyr.o
# The same objects in a final link (section indices past 0xff00 that equal SHN_ABS
# and SHN_COMMON are real sections).
run gcc -B"$RIVET_LIBEXEC/" -o many.direct many.o many-main.o
[ "$(output_of many.direct)" = "$(output_of many.ref)" ] || fail "many.o linked directly: $(./many.direct), want $(./many.ref)"

# ---- Errors: what only a final link can mean ----
expect_error() {
  local want=$1
  shift
  rm -f err.o
  local status=0
  "$LD_RIVET" "$@" -o err.o c2.o 2>err.txt || status=$?
  [ "$status" = 1 ] || fail "ld.rivet $*: exit status $status, want 1"
  grep -qF -- "$want" err.txt || fail "ld.rivet $*: said '$(cat err.txt)', want '$want'"
  [ ! -e err.o ] || fail "ld.rivet $*: left err.o behind"
}
expect_error "-r and -shared may not be used together" -r -shared
expect_error "-r and -pie may not be used together" -r -pie
expect_error "-r and --relax may not be used together" -r --relax
expect_error "--gc-sections requires a defined symbol root specified by -e or -u" -r --gc-sections
expect_error "--split-by-reloc: splitting relocatable output sections is not supported" -r --split-by-reloc=4
expect_error "attempted static link of dynamic object" -r "$(gcc -print-file-name=libc.so.6)"
# --gc-sections with a root: what -e reaches stays.
run "$LD_RIVET" -r --gc-sections -e main -o gc.o c1.o c2.o
nm gc.o | grep -q ' T bump$' || fail "--gc-sections -e main dropped bump, which main calls"
run_three gc c.ref gc.o

# ---- --build-id: -r writes the note (GNU ld); a final link with --build-id keeps only
# its own, as GNU ld and lld do ----
run "$LD_RIVET" -r --build-id=sha1 -o bid.o c1.o c2.o
readelf -nW bid.o | grep -q 'Build ID: [0-9a-f]\{40\}' || fail "bid.o has no SHA-1 build-id note"
run gcc -B"$RIVET_LIBEXEC/" -Wl,--build-id=md5 -o bid.rivet bid.o
[ "$(readelf -nW bid.rivet | grep -c 'Build ID')" = 1 ] || fail "bid.rivet has $(readelf -nW bid.rivet | grep -c 'Build ID') build-id notes, want 1"
readelf -nW bid.rivet | grep -q 'Build ID: [0-9a-f]\{32\}$' || fail "bid.rivet's build-id is not its own MD5"

# ---- -T with SECTIONS naming output sections only (GNU ld's rules: the first
# description naming a section takes it; /DISCARD/ drops; KEEP roots --gc-sections;
# COMDAT members stay alone) ----
cat >r.lds <<'EOS'
/* a kernel-module style -r script */
SECTIONS
{
  .text 0 : { *(.text .text.*) }
  .rodata : { *(.rodata .rodata.*) }
  .keepme : { KEEP(*(.keepme)) }
  /DISCARD/ : { *(.comment) }
}
EOS
cat >s1.c <<'EOF'
#include <stdio.h>
__attribute__((section(".text.hot"))) int hot(int x) { return x * 2; }
const char msg[] = "constant";
__attribute__((used, section(".keepme"))) static const char marker[] = "kept-by-script";
int cold(int);
int main(void) { printf("%d %s %d\n", hot(3), msg, cold(4)); return 0; }
EOF
cat >s2.c <<'EOF'
int cold(int x) { return x + 1; }
int unused_function(int x) { return x * 7; }
EOF
compile_c -O1 -ffunction-sections -fdata-sections -o s1.o s1.c
compile_c -O1 -ffunction-sections -fdata-sections -o s2.o s2.c
run gcc -fuse-ld=bfd -o s.ref s1.o s2.o
run "$LD_RIVET" -r -T r.lds -o s.o s1.o s2.o
readelf -SW s.o | grep -q '\.text\.hot' && fail "s.o: .text.hot was not gathered into .text"
readelf -SW s.o | grep -q '\.comment' && fail "s.o: /DISCARD/ kept .comment"
readelf -SW s.o | grep -q ' \.rodata ' || fail "s.o has no .rodata gathered by the script"
run_three s s.ref s.o
run "$LD_RIVET" -r -T r.lds --gc-sections -e main -o sgc.o s1.o s2.o
nm sgc.o | grep -q unused_function && fail "--gc-sections under -T kept unused_function"
grep -q kept-by-script sgc.o || fail "--gc-sections dropped .keepme, which KEEP names"
run_three sgc s.ref sgc.o
# A script that assigns is refused in -r; SECTIONS in a final link too, by name.
printf 'SECTIONS { . = 0x1000; .text : { *(.text) } }\n' >assign.lds
status=0
"$LD_RIVET" -r -T assign.lds -o bad.o s1.o 2>err.txt || status=$?
[ "$status" = 1 ] && grep -q "not supported in SECTIONS of relocatable output" err.txt ||
  fail "-r -T assign.lds: status $status, '$(cat err.txt)'"
status=0
"$LD_RIVET" -T r.lds -o bad.out s1.o s2.o 2>err.txt || status=$?
[ "$status" = 1 ] && grep -q "SECTIONS is supported for relocatable output (-r) only" err.txt ||
  fail "-T r.lds in a final link: status $status, '$(cat err.txt)'"

#!/usr/bin/env bash
# --just-symbols=FILE (and -R FILE, FILE not a directory), GNU ld's way of linking
# against an image linked before: FILE's global definitions become absolute symbols,
# none of its sections or bytes reach the output. A freestanding "ROM" image is linked
# at 0x20000000; the program, linked with --just-symbols=rom, maps the image's
# segments at their addresses at run time and calls into it: the call, the PC-relative
# data references and the stored function pointer must reach the ROM's addresses, as
# in the ld.bfd-linked program. Then GNU ld 2.40's rules, checked against ld.bfd:
# symbols keep their value, size, type and binding with st_shndx SHN_ABS; locals, TLS
# and undefined symbols are dropped; a relocatable FILE's values are section offsets;
# a just-symbols definition meeting another definition is no error (the first on the
# command line wins) unless --disable-multiple-abs-defs; _end, _edata and __bss_start
# stay the output's own. Errors: a missing file, a non-ELF file, an archive, a shared
# object. In a PIE, a PC-relative reference to such an absolute symbol is refused
# (rivet's rule for every absolute symbol; ld.bfd links it, load-address-dependent).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as readelf objdump ld.bfd

# ---- The ROM image and the program that uses it ----
cat >rom.c <<'EOF'
int rom_var = 42;
int rom_table[4] = {1, 2, 3, 4};
static int rom_local = 7;
__attribute__((weak)) int rom_weak = 5;
__thread int rom_tls = 9;
int rom_func(int x) { return x * 3 + rom_var + rom_local; }
EOF
compile_c -O1 -fno-pie -fno-stack-protector -fcf-protection=none -o rom.o rom.c
run ld.bfd -o rom -Ttext-segment=0x20000000 -e rom_func rom.o

cat >user.c <<'EOF'
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
extern int rom_var, rom_table[], rom_weak;
int rom_func(int);
int (*volatile rom_entry)(int) = rom_func; /* an absolute word: R_X86_64_64 */
int *volatile rom_var_ptr = &rom_var;

/* The ROM's PT_LOAD segments at their link addresses (it has no .bss). */
static int map_rom(const char *path) {
  int fd = open(path, O_RDONLY);
  Elf64_Ehdr eh;
  if (fd < 0 || pread(fd, &eh, sizeof eh, 0) != sizeof eh)
    return 1;
  long page = sysconf(_SC_PAGESIZE);
  for (int i = 0; i < eh.e_phnum; i++) {
    Elf64_Phdr ph;
    if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)) != sizeof ph)
      return 1;
    if (ph.p_type != PT_LOAD)
      continue;
    unsigned long start = ph.p_vaddr & ~(page - 1), skew = ph.p_vaddr - start;
    int prot = (ph.p_flags & PF_R ? PROT_READ : 0) | (ph.p_flags & PF_W ? PROT_WRITE : 0) |
               (ph.p_flags & PF_X ? PROT_EXEC : 0);
    if (mmap((void *)start, ph.p_filesz + skew, prot, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd,
             (off_t)(ph.p_offset - skew)) != (void *)start)
      return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2 || map_rom(argv[1]))
    return 2;
  printf("%d %d %d %d\n", rom_func(2), rom_var, rom_table[3], rom_weak);
  rom_var = 100;
  printf("%d %d\n", rom_entry(1), *rom_var_ptr);
  return 0;
}
EOF
compile_c -O1 -fno-pie -o user.o user.c
dlink_both user -no-pie user.o -Wl,--just-symbols=rom
run_both_and_compare user -- ./rom
expect_stdout user "55 42 4 5
110 100"

# What .symtab says of a name: value, size, type, binding, visibility, index.
sym_facts() { readelf -sW "$1" | awk -v n="$2" '$8 == n { print $2, $3, $4, $5, $6, $7 }'; }

for name in rom_func rom_var rom_table rom_weak; do
  in_rom=$(sym_facts rom "$name")
  bfd=$(sym_facts user.bfd "$name")
  rivet=$(sym_facts user.rivet "$name")
  assert_eq "$rivet" "$bfd" "$name in .symtab (rivet vs ld.bfd)"
  assert_eq "${rivet% *}" "${in_rom% *}" "$name: value, size, type, binding and visibility as in rom"
  assert_eq "${rivet##* }" ABS "$name: section index"
done
for name in rom_local rom_tls; do
  assert_eq "$(sym_facts user.rivet "$name")" "" "$name (a local, a TLS symbol of rom) in the output"
done

# No byte of rom: the output's loaded size is the program's own.
section_addrs() { readelf -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] *\([^ ]*\) *[A-Z_]* *\([0-9a-f]*\) .*/\1 \2/p'; }
rom_text=$(section_addrs rom | awk '$1 == ".text" { print $2 }')
[ -n "$rom_text" ] || fail "test setup: rom's .text address not found"
assert_eq "$(section_addrs user.rivet | awk -v a="$rom_text" '$2 == a' | wc -l)" 0 \
  "sections of user.rivet at rom's .text address 0x$rom_text"

# The call in main goes straight to rom_func's address.
rom_func_addr=$(readelf -sW rom | awk '$8 == "rom_func" { sub(/^0+/, "", $2); print $2 }')
for side in bfd rivet; do
  calls=$(objdump -d --no-show-raw-insn user.$side | awk '/<main>:/,/^$/' | grep -c "call *$rom_func_addr " || true)
  [ "$calls" -ge 1 ] || fail "user.$side: expected main to call 0x$rom_func_addr (rom_func) directly"
done

# rom's own _end, _edata and __bss_start do not replace the output's (GNU ld assigns
# them in its script): they lie below rom's 0x20000000.
for name in _end _edata __bss_start; do
  v=$(sym_facts user.rivet "$name")
  [ -n "$v" ] && [ $((0x${v%% *})) -lt $((0x20000000)) ] ||
    fail "$name in user.rivet: expected the program's own address, got '$v'"
done

# -R FILE is --just-symbols FILE; -R DIR stays a run path.
dlink_rivet user-R.rivet -no-pie user.o -Wl,-R,rom
assert_eq "$(sym_facts user-R.rivet rom_func)" "$(sym_facts user.rivet rom_func)" "rom_func with -R rom"
assert_not_contains "$(readelf -dW user-R.rivet)" "RUNPATH" "-R rom: dynamic section"
mkdir -p libdir
dlink_rivet user-Rdir.rivet -no-pie user.o -Wl,--just-symbols=rom -Wl,-R,libdir
assert_contains "$(readelf -dW user-Rdir.rivet)" "[libdir]" "-R libdir: run path"

# ---- Freestanding links: resolution rules, against ld.bfd ----
make_start_object start.o
cat >defs.s <<'EOF'
	.globl dup, only_js, weak_vs_js, js_weak
	.weak js_weak
	.text
	.zero 16
dup: ret
only_js: ret
weak_vs_js: ret
js_weak: ret
	.globl abs_js
	abs_js = 0x1234
	.globl tls_js
	.section .tbss,"awT",@nobits
tls_js: .zero 4
	.data
	.quad undefined_in_js
	.section .note.GNU-stack,"",@progbits
EOF
cat >obj.s <<'EOF'
	.globl dup, js_weak
	.weak weak_vs_js
	.text
dup: ret
weak_vs_js: ret
js_weak: ret
	.section .note.GNU-stack,"",@progbits
EOF
cat >main.s <<'EOF'
	.globl main
	.text
main:
	call dup
	call only_js
	call weak_vs_js
	call js_weak
	movl $abs_js, %eax
	xorl %eax, %eax
	ret
	.section .note.GNU-stack,"",@progbits
EOF
run as -o defs.o defs.s
run as -o obj.o obj.s
run as -o main.o main.s
run ld.bfd -o defs.exe -Ttext-segment=0x30000000 -e 0 --unresolved-symbols=ignore-all defs.o

names="dup only_js weak_vs_js js_weak abs_js tls_js undefined_in_js"
compare_with_bfd() {
  local tag=$1
  shift
  run ld.bfd -o "$tag.bfd" "$@"
  run "$LD_RIVET" -o "$tag.rivet" "$@" || fail "$tag: rivet failed to link (ld.bfd linked it)"
  for name in $names; do
    assert_eq "$(sym_facts "$tag.rivet" "$name")" "$(sym_facts "$tag.bfd" "$name")" \
      "$tag: $name (rivet vs ld.bfd)"
  done
  assert_eq "$(objdump -d "$tag.rivet" | awk '/<main>:/,/^$/' | sed 's/^ *[0-9a-f]*://')" \
    "$(objdump -d "$tag.bfd" | awk '/<main>:/,/^$/' | sed 's/^ *[0-9a-f]*://')" \
    "$tag: main's instructions (rivet vs ld.bfd)"
}
# A relocatable FILE: values are offsets in its sections (sh_addr 0).
compare_with_bfd rel start.o main.o --just-symbols=defs.o
assert_eq "$(sym_facts rel.rivet dup)" "0000000000000010 0 NOTYPE GLOBAL DEFAULT ABS" "rel: dup"
# The object's definitions first, then FILE's; and the other way round.
compare_with_bfd obj-first start.o main.o obj.o --just-symbols=defs.exe
compare_with_bfd js-first start.o main.o --just-symbols=defs.exe obj.o
assert_eq "$(sym_facts js-first.rivet dup)" "0000000030001010 0 NOTYPE GLOBAL DEFAULT ABS" "js-first: dup"
assert_eq "$(sym_facts obj-first.rivet weak_vs_js | cut -d' ' -f6)" ABS \
  "obj-first: weak_vs_js (a weak object definition loses to FILE's strong one)"
# Two files with the same names: the first wins, silently.
run ld.bfd -o defs2.exe -Ttext-segment=0x40000000 -e 0 --unresolved-symbols=ignore-all defs.o
compare_with_bfd two-files start.o main.o --just-symbols=defs.exe --just-symbols=defs2.exe

# --disable-multiple-abs-defs: every one of those meetings is a multiple definition.
if ld.bfd -o bfd.out start.o main.o obj.o --just-symbols=defs.exe --disable-multiple-abs-defs \
  2>/dev/null; then
  fail "test setup: expected ld.bfd to refuse the multiple definition too"
fi
expect_link_error prog "duplicate symbol: dup" obj.o defs.exe -- \
  "$LD_RIVET" -o prog start.o main.o obj.o --just-symbols=defs.exe --disable-multiple-abs-defs
expect_one_error_line
expect_link_error prog "duplicate symbol: dup" defs.exe defs2.exe -- \
  "$LD_RIVET" -o prog start.o main.o --just-symbols=defs.exe --just-symbols=defs2.exe \
  --disable-multiple-abs-defs

# ---- Errors: one line naming the file, exit 1, no output ----
expect_link_error prog "missing.exe" -- "$LD_RIVET" -o prog start.o main.o --just-symbols=missing.exe
expect_one_error_line
printf 'not an object\n' >notelf.txt
expect_link_error prog "notelf.txt" "not an ELF file" -- \
  "$LD_RIVET" -o prog start.o main.o --just-symbols=notelf.txt
expect_one_error_line
run ar rc defs.a defs.o
expect_link_error prog "defs.a" "archive" -- "$LD_RIVET" -o prog start.o main.o --just-symbols=defs.a
expect_one_error_line
run ld.bfd -shared -o defs.so defs.o
expect_link_error prog "defs.so" "shared object" -- \
  "$LD_RIVET" -o prog start.o main.o --just-symbols=defs.so
expect_one_error_line

# ---- PIE: a PC-relative reference to an absolute address cannot move with the load ----
compile_c -O1 -fPIE -o user-pie.o user.c
expect_link_error prog "absolute symbol" "rom_var" -- \
  gcc -B"$RIVET_LIBEXEC/" -pie -o prog user-pie.o -Wl,--just-symbols=rom

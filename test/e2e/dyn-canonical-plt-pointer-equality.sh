#!/usr/bin/env bash
# -fno-pic -no-pie code takes the address of a library function with an absolute
# relocation, which must be a link-time constant: the linker makes the function's PLT
# entry its canonical address and exports it as an undefined .dynsym symbol with
# st_shndx UND and st_value = that PLT entry, so the loader resolves the library's own
# GOT references to the same address. &lib_fn then compares equal between executable
# and library, and calls through either pointer reach the real function.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_fn(int x) { return x * 2 + 1; }
int (*lib_fn_addr(void))(int) { return lib_fn; }
int lib_is_mine(int (*p)(int)) { return p == lib_fn; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_fn(int);
int (*lib_fn_addr(void))(int);
int lib_is_mine(int (*)(int));
int (*const table[2])(int) = {lib_fn, 0};
int main(void) {
  int (*mine)(int) = lib_fn;
  int (*theirs)(int) = lib_fn_addr();
  printf("equal=%d table_equal=%d lib_agrees=%d\n", mine == theirs, table[0] == theirs, lib_is_mine(mine));
  printf("calls %d %d %d\n", mine(1), theirs(2), table[0](3));
  return 0;
}
EOF2
build_shlib libfn.so libfn.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 -fno-pic -o main.o main.c
grep -Eq 'R_X86_64_(32S?|64) +[0-9a-f]+ lib_fn' <(readelf -rW main.o) ||
  fail "test setup: expected an absolute relocation against lib_fn in main.o, got: $(readelf -rW main.o | grep lib_fn)"
dlink_both prog -no-pie main.o -L. -lfn
run_both_and_compare prog
expect_stdout prog "equal=1 table_equal=1 lib_agrees=1
calls 3 5 7"

f=prog.rivet
assert_eq "$(dynsym_field $f lib_fn ndx)" UND "$f: st_shndx of the canonical-PLT symbol lib_fn in .dynsym"
value=$(dynsym_field $f lib_fn value)
{ [ -n "$value" ] && [ "$(hex_to_dec "$value")" != 0 ]; } || fail "$f: expected a non-zero st_value (the PLT entry) for lib_fn in .dynsym, got '$value'"
sec=$(section_of_addr $f "$value")
case "$sec" in
  .plt | .plt.sec | .iplt) ;;
  *) fail "$f: expected lib_fn's .dynsym st_value 0x$value inside a PLT section, it is in '${sec:-no section}'" ;;
esac
elflint_compare prog

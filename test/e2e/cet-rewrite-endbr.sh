#!/usr/bin/env bash
# -z rewrite-endbr (mold): in code built with -fcf-protection, a global function whose
# address nobody takes -- only called or jumped to directly -- starts with a 4-byte NOP
# (0f 1f 40 00) instead of endbr64. Its endbr64 stays where an address is taken: a
# function pointer in data, a GOT load in another file (relaxed to lea), main (crt1's
# _start passes its address to __libc_start_main), the entry point (-e), a function
# exported in .dynsym, and in a shared object every default-visibility function. The
# programs give the same output as without the option; -z norewrite-endbr undoes it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools objdump

cat >main.c <<'EOF2'
#include <stdio.h>
__attribute__((noinline)) int called_directly(int x) { return x * 3 + 1; }
__attribute__((noinline)) int called_by_pointer(int x) { return x * 5 + 2; }
__attribute__((noinline)) int exported_called_directly(int x) { return x + 100; }
int taken_elsewhere(int x);
int (*get_taken(void))(int);
int (*volatile fp)(int) = called_by_pointer;
int main(int argc, char **argv) {
  (void)argv;
  printf("%d %d %d %d %d\n", called_directly(argc + 1), fp(argc + 2),
         exported_called_directly(argc), taken_elsewhere(argc), get_taken()(argc + 3));
  return 0;
}
EOF2
cat >other.c <<'EOF2'
__attribute__((noinline)) int taken_elsewhere(int x) { return x - 7; }
int (*get_taken(void))(int) { return taken_elsewhere; }
EOF2
compile_c -O2 -fPIE -fcf-protection=full -o main.o main.c
compile_c -O2 -fPIE -fcf-protection=full -o other.o other.c

# first_bytes FILE SYMBOL: the first instruction's bytes at SYMBOL, as objdump prints them.
first_bytes() {
  objdump -d --disassemble="$2" "$1" | awk -v s="<$2>:" '$2 == s { getline; sub(/^[^\t]*\t/, ""); sub(/\t.*/, ""); sub(/ +$/, ""); print; exit }'
}
ENDBR="f3 0f 1e fa"
NOP="0f 1f 40 00"
expect_first() {
  local file=$1 sym=$2 want=$3 what=$4 got
  got=$(first_bytes "$file" "$sym")
  [ "$got" = "$want" ] || fail "$file: expected $sym to start with $what ($want), got '$got'"
}

link() { run gcc -B"$RIVET_LIBEXEC/" -pie -o "$@"; }
link plain main.o other.o -Wl,--export-dynamic-symbol=exported_called_directly
link rewritten main.o other.o -Wl,--export-dynamic-symbol=exported_called_directly -Wl,-z,rewrite-endbr
link undone main.o other.o -Wl,--export-dynamic-symbol=exported_called_directly \
  -Wl,-z,rewrite-endbr -Wl,-z,norewrite-endbr

for sym in called_directly called_by_pointer exported_called_directly taken_elsewhere main; do
  expect_first plain "$sym" "$ENDBR" "endbr64 without -z rewrite-endbr"
done
expect_first rewritten called_directly "$NOP" "a NOP (only called directly)"
expect_first rewritten called_by_pointer "$ENDBR" "endbr64 (its address is in fp)"
expect_first rewritten taken_elsewhere "$ENDBR" "endbr64 (other.o takes its address through the GOT)"
expect_first rewritten exported_called_directly "$ENDBR" "endbr64 (exported in .dynsym)"
expect_first rewritten main "$ENDBR" "endbr64 (__libc_start_main calls it through a pointer)"
# Linked only to be read: the entry point is a function otherwise only called directly.
link entry main.o other.o -Wl,-z,rewrite-endbr -Wl,-e,called_directly
expect_first entry called_directly "$ENDBR" "endbr64 (the entry point, -e)"
cmp -s plain undone || fail "-z norewrite-endbr after -z rewrite-endbr: expected the output without the option, got a different file"

want=$(./plain)
assert_eq "$want" "7 17 101 -6 -3" "the program without -z rewrite-endbr"
assert_eq "$(./rewritten)" "$want" "the program with -z rewrite-endbr"

# A static executable: the same rule.
link_rivet static-plain main.o other.o
link_rivet static-rewritten main.o other.o -Wl,-z,rewrite-endbr
expect_first static-rewritten called_directly "$NOP" "a NOP in a static executable"
expect_first static-rewritten exported_called_directly "$NOP" "a NOP (not exported from a static executable)"
expect_first static-rewritten called_by_pointer "$ENDBR" "endbr64 in a static executable"
assert_eq "$(./static-rewritten)" "$want" "the static program with -z rewrite-endbr"
# Every change is an endbr64 become a NOP (libc.a's functions too, if built for CET).
diff <(objdump -d static-plain | tail -n +3) <(objdump -d static-rewritten | tail -n +3) >text.diff || true
assert_eq "$(grep '^>' text.diff | grep -vc "$NOP" || true)" 0 "changed instructions that are not the NOP"
assert_eq "$(grep '^<' text.diff | grep -vc 'endbr64' || true)" 0 "replaced instructions that are not endbr64"

# A shared object: default-visibility functions are exported and keep endbr64; a
# hidden one called only directly loses it.
cat >lib.c <<'EOF2'
__attribute__((noinline, visibility("hidden"))) int hidden_helper(int x) { return x * 2; }
__attribute__((noinline)) int public_helper(int x) { return x + 1; }
int lib_entry(int x) { return hidden_helper(x) + public_helper(x); }
EOF2
compile_c -O2 -fPIC -fcf-protection=full -o lib.o lib.c
run gcc -B"$RIVET_LIBEXEC/" -shared -o librw.so lib.o -Wl,-z,rewrite-endbr
expect_first librw.so hidden_helper "$NOP" "a NOP (hidden, only called directly)"
expect_first librw.so public_helper "$ENDBR" "endbr64 (exported: other modules may take its address)"
expect_first librw.so lib_entry "$ENDBR" "endbr64 (exported)"
cat >use.c <<'EOF2'
#include <stdio.h>
int lib_entry(int x);
int main(void) { printf("%d\n", lib_entry(20)); return 0; }
EOF2
compile_c -O2 -fcf-protection=full -o use.o use.c
run gcc -B"$RIVET_LIBEXEC/" -o use use.o -L. -lrw -Wl,-rpath,'$ORIGIN'
assert_eq "$(./use)" 61 "a program calling the rewritten library"

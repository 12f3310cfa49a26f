#!/usr/bin/env bash
# -fno-pic -no-pie code that takes the address of a shared object's protected function
# in an immediate (R_X86_64_32S, `movq $prot_fn, ...`) would need a canonical PLT entry
# in the executable, giving the function a second address the library (which binds
# prot_fn locally) never uses: an error (exit 1, no output file) containing "protected
# symbol" and naming prot_fn, the library and main.o:(.text+OFFSET). The correct
# programs link and run: merely calling prot_fn from -fno-pic code (PLT32, no address
# taken), and taking its address in -fPIC code through the GOT -- which yields the
# library's own address for it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__attribute__((visibility("protected"))) int prot_fn(int x) { return x * 3; }
int lib_is_prot_fn(void *p) { return p == (void *)prot_fn; }
EOF2
cat >addr.c <<'EOF2'
#include <stdio.h>
int prot_fn(int);
int lib_is_prot_fn(void *);
int main(void) { void *volatile p = (void *)prot_fn; printf("same address %d, call %d\n", lib_is_prot_fn(p), ((int (*)(int))p)(5)); return 0; }
EOF2
cat >call.c <<'EOF2'
#include <stdio.h>
int prot_fn(int);
int main(void) { printf("%d\n", prot_fn(7)); return 0; }
EOF2
so_link_both libpf.so -O1 lib.c
compile_c -O1 -fno-pic -o addr-nopie.o addr.c
off=$(readelf -rW addr-nopie.o | awk '($3 == "R_X86_64_32S" || $3 == "R_X86_64_32") && $5 == "prot_fn" { print $1; exit }' | sed 's/^0*//')
[ -n "$off" ] || fail "test setup: expected an absolute R_X86_64_32S/32 against prot_fn in addr-nopie.o"
for side in rivet bfd; do
  expect_link_error prog-$side "protected symbol" "'prot_fn'" "$side/libpf.so" "addr-nopie.o:(.text+0x$off)" -- \
    gcc -B"$RIVET_LIBEXEC/" -no-pie -o prog-$side addr-nopie.o -L$side -lpf
  expect_one_error_line
done
compile_c -O1 -fno-pic -o call-nopie.o call.c
so_dlink_matrix call call-nopie.o -no-pie -lpf
so_run_matrix call
so_expect_stdout call 21
compile_c -O1 -fPIC -o addr-pic.o addr.c
so_dlink_matrix addr addr-pic.o -lpf
so_run_matrix addr
so_expect_stdout addr "same address 1, call 15"

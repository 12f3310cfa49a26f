#!/usr/bin/env bash
# -fno-pic code loads a local (static) variable's address as a 32-bit immediate
# (`movl $local_target, %eax`, R_X86_64_32 against .data). In a PIE the address is not
# known until load time and cannot be patched into 32 bits, so linking it -pie must fail
# with one error naming the relocation and saying "recompile with -fPIE" (ld.bfd fails
# too), and leave no output. The same objects link and run -no-pie.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >abs.c <<'EOF2'
static int local_target = 7;
int *volatile keep = &local_target;
unsigned get_addr_low(void) { return (unsigned)(unsigned long)&local_target; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
unsigned get_addr_low(void);
extern int *volatile keep;
int main(void) { printf("%d\n", get_addr_low() == (unsigned)(unsigned long)keep); return 0; }
EOF2
compile_c -O2 -fno-pic -o abs.o abs.c
n=$(readelf -rW abs.o | awk '$3 == "R_X86_64_32"' | wc -l)
assert_eq "$n" 1 "test setup: R_X86_64_32 relocations in abs.o (the movl \$local_target); got: $(readelf -rW abs.o)"
compile_c -O1 -fPIE -o main.o main.c
if gcc -fuse-ld=bfd -pie -o bfd.out main.o abs.o 2>bfd.stderr; then
  fail "test setup: expected ld.bfd to reject R_X86_64_32 in a PIE too"
fi

expect_link_error prog "recompile with -fPIE" "R_X86_64_32" "abs.o" -- gcc -B"$RIVET_LIBEXEC/" -pie -o prog main.o abs.o
expect_one_error_line

dlink_both nopie -no-pie main.o abs.o
run_both_and_compare nopie
expect_stdout nopie "1"

#!/usr/bin/env bash
# A 32-bit i386 object (ELFCLASS32, EM_386) cannot go into an x86-64 link: exit 1 with
# an "ld.rivet: error:" line naming the file, no output file. The object is assembled
# with `as --32`, which needs no multilib.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools as

cat >main.c <<'EOF'
int main(void) { return 0; }
EOF
compile_c -O1 -fno-pie -fno-stack-protector -o main.o main.c
make_start_object start.o
cat >legacy.s <<'EOF'
	.text
	.globl legacy_fn
	.type legacy_fn, @function
legacy_fn:
	movl 4(%esp), %eax
	ret
	.section .note.GNU-stack,"",@progbits
EOF
run as --32 -o legacy32.o legacy.s
grep -q 'ELF32' <(readelf -hW legacy32.o) || fail "test setup: expected legacy32.o to be ELF32"
if ld.bfd -o bfd.out start.o main.o legacy32.o 2>/dev/null; then
  fail "test setup: expected ld.bfd to reject legacy32.o too"
fi

expect_link_error prog legacy32.o -- "$LD_RIVET" -o prog start.o main.o legacy32.o
expect_one_error_line

# Assembly objects with .ctors/.dtors (plain and .ctors.N), and a C object with
# .init_array/.fini_array entries, in a non-PIE program: the order in which start-up and
# exit run them must match GNU ld's placement (including its reversal of .ctors words).
cat >ct.s <<'EOF2'
	.text
	.globl	say
say1:	leaq	m1(%rip), %rdi
	jmp	say
say2:	leaq	m2(%rip), %rdi
	jmp	say
say3:	leaq	m3(%rip), %rdi
	jmp	say
say4:	leaq	m4(%rip), %rdi
	jmp	say
	.section .ctors,"aw",@progbits
	.align 8
	.quad	say1
	.quad	say2
	.section .ctors.65000,"aw",@progbits
	.align 8
	.quad	say3
	.section .dtors,"aw",@progbits
	.align 8
	.quad	say4
	.section .rodata
m1:	.string	"asm .ctors word 0"
m2:	.string	"asm .ctors word 1"
m3:	.string	"asm .ctors.65000 (535)"
m4:	.string	"asm .dtors word 0"
	.section .note.GNU-stack,"",@progbits
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
void say(const char *s) { puts(s); }
__attribute__((constructor)) static void c(void) { puts("C constructor"); }
__attribute__((constructor(600))) static void c600(void) { puts("C constructor(600)"); }
__attribute__((destructor)) static void d(void) { puts("C destructor"); }
int main(void) { puts("main"); return 0; }
EOF2
cc ct.o ct.s
cc main.o -fno-pic -O1 main.c
exe prog -no-pie main.o ct.o
run prog
exe prog2 -no-pie ct.o main.o
run prog2

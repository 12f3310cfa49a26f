# A library built from two objects that share a COMDAT group keeps the first copy; a PIE
# that links its own copy of the group's global function preempts it, so the library's
# call (through its PLT) reaches the program's copy.
cat >one.s <<'EOF2'
	.section .text.pick,"axG",@progbits,sig,comdat
	.globl	which
	.type	which,@function
which:	movl	$1, %eax
	ret
sig:
	.text
	.globl	lib_which
	.type	lib_which,@function
lib_which:
	jmp	which@PLT
	.section .note.GNU-stack,"",@progbits
EOF2
cat >two.s <<'EOF2'
	.section .text.pick,"axG",@progbits,sig,comdat
	.globl	which
	.type	which,@function
which:	movl	$2, %eax
	ret
sig:
	.section .note.GNU-stack,"",@progbits
EOF2
cat >three.s <<'EOF2'
	.section .text.pick,"axG",@progbits,sig,comdat
	.globl	which
	.type	which,@function
which:	movl	$3, %eax
	ret
sig:
	.section .note.GNU-stack,"",@progbits
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int which(void);
int lib_which(void);
int main(void) { printf("exe %d lib %d\n", which(), lib_which()); return 0; }
EOF2
cat >main2.c <<'EOF2'
#include <stdio.h>
int lib_which(void);
int main(void) { printf("lib %d\n", lib_which()); return 0; }
EOF2
cc one.o one.s
cc two.o two.s
cc three.o three.s
cc main.o -fPIE -O1 main.c
cc main2.o -fPIE -O1 main2.c
so libpick.so two.o one.o
exe prog main.o three.o -L. -lpick
run prog
exe prog2 main2.o -L. -lpick
run prog2

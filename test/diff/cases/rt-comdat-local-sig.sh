# Two objects hold a COMDAT group (text + data) whose signature is a LOCAL symbol 'sig':
# groups match by signature name, so only the first object's copy is kept (both sections);
# the program prints which copy of text and data it got, for both link orders.
cat >one.s <<'EOF2'
	.section .text.pick,"axG",@progbits,sig,comdat
	.globl	which
	.type	which,@function
which:	movl	$1, %eax
	ret
sig:
	.section .data.pick,"awG",@progbits,sig,comdat
	.globl	which_data
which_data:
	.long	100
	.section .note.GNU-stack,"",@progbits
EOF2
cat >two.s <<'EOF2'
	.section .text.pick,"axG",@progbits,sig,comdat
	.globl	which
	.type	which,@function
which:	movl	$2, %eax
	ret
sig:
	.section .data.pick,"awG",@progbits,sig,comdat
	.globl	which_data
which_data:
	.long	200
	.section .note.GNU-stack,"",@progbits
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int which(void);
extern int which_data;
int main(void) { printf("text copy %d data copy %d\n", which(), which_data); return 0; }
EOF2
cc one.o one.s
cc two.o two.s
cc main.o -fPIE -O1 main.c
cc mainnp.o -fno-pic -O1 main.c
exe prog12 main.o one.o two.o
run prog12
exe prog21 main.o two.o one.o
run prog21
exe prognp21 -no-pie mainnp.o two.o one.o
run prognp21

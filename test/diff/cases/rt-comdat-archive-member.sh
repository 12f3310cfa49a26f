# An object and an archive member both hold COMDAT group 'grp' (local signature); the member
# is pulled in for another symbol. The object, read first, keeps its copy; the member's
# group is discarded, so its code calls the object's copy.
cat >obj.s <<'EOF2'
	.section .text.grp,"axG",@progbits,grp,comdat
	.globl	shared_fn
	.type	shared_fn,@function
shared_fn:
	movl	$11, %eax
	ret
grp:
	.section .note.GNU-stack,"",@progbits
EOF2
cat >mem.s <<'EOF2'
	.section .text.grp,"axG",@progbits,grp,comdat
	.globl	shared_fn
	.type	shared_fn,@function
shared_fn:
	movl	$22, %eax
	ret
grp:
	.text
	.globl	member_fn
	.type	member_fn,@function
member_fn:
	jmp	shared_fn
	.section .note.GNU-stack,"",@progbits
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int shared_fn(void);
int member_fn(void);
int main(void) { printf("direct %d via member %d\n", shared_fn(), member_fn()); return 0; }
EOF2
cc obj.o obj.s
cc mem.o mem.s
cc main.o -fPIE -O1 main.c
rm -f libm.a
ar rcs libm.a mem.o
exe prog main.o obj.o libm.a
run prog

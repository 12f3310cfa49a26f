# An assembly file without a .note.GNU-stack section: GNU ld reads that as "needs
# an executable stack".
	.text
	.globl asm_add3
	.type asm_add3, @function
asm_add3:
	leal 3(%rdi), %eax
	ret
	.size asm_add3, .-asm_add3

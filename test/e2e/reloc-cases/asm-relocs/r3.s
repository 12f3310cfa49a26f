# Absolute 32-bit relocations, only valid in a position-dependent (-no-pie)
# executable: R_X86_64_32S (sign-extended, from an indexed load) and R_X86_64_32
# (zero-extended, an address as an immediate and a .long in data), and R_X86_64_64.
	.text
	.globl abs_load
	.type abs_load, @function
abs_load:                       # int abs_load(int i): abs_table[i]
	movslq %edi, %rdi
	movl abs_table(,%rdi,4), %eax
	ret
	.size abs_load, .-abs_load

	.globl abs_addr32
	.type abs_addr32, @function
abs_addr32:                     # unsigned long abs_addr32(void): (unsigned long)&abs_table[2]
	movl $abs_table + 8, %eax
	ret
	.size abs_addr32, .-abs_addr32

	.data
	.balign 8
	.globl abs_words
abs_words:
	.long abs_table + 4
	.long tgt_far
	.quad abs_table + 12

	.section .rodata.abs,"a",@progbits
	.balign 4
	.globl abs_table
abs_table:
	.long 100, 200, 300, 400

	.section .note.GNU-stack,"",@progbits

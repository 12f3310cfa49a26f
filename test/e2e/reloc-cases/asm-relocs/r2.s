# The targets of r1.s's relocations. tgt_near and tgt_mid are in the same section
# as r1.s's fields (the PC8/PC16 displacements must fit).
	.section pcsec,"a",@progbits
	.globl tgt_near, tgt_mid
tgt_near:
	.asciz "near target"
tgt_mid:
	.asciz "middle target"

	.section .rodata.far,"a",@progbits
	.zero 64
	.globl tgt_far
tgt_far:
	.asciz "...far target"

	.data
	.balign 8
	.globl sized_obj, got_target
	.type sized_obj, @object
	.size sized_obj, 24
sized_obj:
	.quad 1, 2, 3
	.type got_target, @object
	.size got_target, 8
got_target:
	.long 30, 12

	.section .note.GNU-stack,"",@progbits

# Relocations that C compilers rarely emit, each from r1.s to symbols of r2.s or
# main.c (so that they stay relocations in the -r output):
#   R_X86_64_PC8 / PC16 / PC32 / PC64   data fields holding "target - ."
#   R_X86_64_GOTPCRELX                  call/jmp *sym@GOTPCREL(%rip)
#   R_X86_64_REX_GOTPCRELX              movq sym@GOTPCREL(%rip), %reg
#   R_X86_64_GOTPC32, R_X86_64_GOTOFF64 leaq _GLOBAL_OFFSET_TABLE_(%rip) + sym@GOTOFF
#   R_X86_64_SIZE32 / SIZE64            sym@SIZE, from r2.s's .size
#   R_X86_64_PLT32                      calls to a local and to a global function
	.section pcsec,"a",@progbits
	.globl pc8_field, pc16_field, pc32_field, pc64_field
pc8_field:
	.byte tgt_near - .
	.balign 2
pc16_field:
	.word tgt_mid - .
	.balign 4
pc32_field:
	.long tgt_far - .
	.balign 8
pc64_field:
	.quad tgt_far - . + 3

	.data
	.balign 8
	.globl size64_field, gotoff64_field
size64_field:
	.quad sized_obj@SIZE + 1000
gotoff64_field:
	.quad got_target@GOTOFF

	.text
	.globl asm_got_call
	.type asm_got_call, @function
asm_got_call:                   # int asm_got_call(int x): c_global_fn(x) + 1
	subq $8, %rsp
	call *c_global_fn@GOTPCREL(%rip)
	addq $8, %rsp
	addl $1, %eax
	ret
	.size asm_got_call, .-asm_got_call

	.globl asm_got_tail
	.type asm_got_tail, @function
asm_got_tail:                   # int asm_got_tail(int x): c_global_fn(x)
	jmp *c_global_fn@GOTPCREL(%rip)
	.size asm_got_tail, .-asm_got_tail

	.globl asm_got_load
	.type asm_got_load, @function
asm_got_load:                   # int asm_got_load(void): got_target[1] + got_target[0]
	movq got_target@GOTPCREL(%rip), %rax
	movl 4(%rax), %ecx
	movq got_target@GOTPCREL(%rip), %rdx
	addl (%rdx), %ecx
	movl %ecx, %eax
	ret
	.size asm_got_load, .-asm_got_load

	.globl asm_gotoff_addr
	.type asm_gotoff_addr, @function
asm_gotoff_addr:                # void *asm_gotoff_addr(void): &got_target through the GOT base
	leaq _GLOBAL_OFFSET_TABLE_(%rip), %rax
	movabsq $got_target@GOTOFF, %rdx
	addq %rdx, %rax
	ret
	.size asm_gotoff_addr, .-asm_gotoff_addr

	.globl asm_got_base
	.type asm_got_base, @function
asm_got_base:                   # void *asm_got_base(void): the GOT base
	leaq _GLOBAL_OFFSET_TABLE_(%rip), %rax
	ret
	.size asm_got_base, .-asm_got_base

	.globl asm_size32
	.type asm_size32, @function
asm_size32:                     # unsigned asm_size32(void): sizeof sized_obj + 5
	movl $sized_obj@SIZE + 5, %eax
	ret
	.size asm_size32, .-asm_size32

	.globl asm_plt_calls
	.type asm_plt_calls, @function
asm_plt_calls:                  # int asm_plt_calls(int x): local_triple(x) + c_global_fn(x)
	pushq %rbx
	movl %edi, %ebx
	# call local_triple, with an explicit R_X86_64_PLT32 (gas would choose PC32)
	.byte 0xe8
	.reloc ., R_X86_64_PLT32, local_triple - 4
	.long 0
	movl %ebx, %edi
	movl %eax, %ebx
	call c_global_fn@PLT
	addl %ebx, %eax
	popq %rbx
	ret
	.size asm_plt_calls, .-asm_plt_calls

	.section .text.local,"ax",@progbits
	.type local_triple, @function
local_triple:
	leal (%rdi,%rdi,2), %eax
	ret
	.size local_triple, .-local_triple

	.section .note.GNU-stack,"",@progbits

# The program entry of every corpus link: no C library, no crt files. It calls
# entry_main, which the damaged input (or its archive, script or caller of the shared
# object) defines, and exits with its result.
	.text
	.globl _start
	.type _start, @function
_start:
	call entry_main
	mov %eax, %edi
	mov $60, %eax		# exit(2)
	syscall
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits

# A non-PIC object (absolute address in .text) in a shared library: -z text refuses,
# -z notext and the default link with TEXTREL; the program still runs.
cat >np.s <<'EOF'
	.text
	.globl getaddr
getaddr:
	movabsq $value, %rax
	movl (%rax), %eax
	ret
	.data
	.globl value
value:
	.long 33
	.section .note.GNU-stack,"",@progbits
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int getaddr(void);
int main(void) { printf("v=%d\n", getaddr()); return 0; }
EOF
cc np.o np.s
cc main.o main.c
try so libnp.so np.o -Wl,-z,text
try so libnp2.so np.o -Wl,-z,notext
try so libnp3.so np.o
try exe prog main.o libnp3.so
run prog

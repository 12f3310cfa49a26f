# A read-only orphan section holding an absolute address in a PIE: with -z text GNU ld
# refuses (text relocation); by default it links with TEXTREL. Outcomes compared.
cat >tab.s <<'EOF'
	.section .mytab,"a"
	.p2align 3
	.globl mytab
mytab:
	.quad target
	.section .note.GNU-stack,"",@progbits
EOF
cat >main.c <<'EOF'
#include <stdio.h>
extern int (*const mytab[1])(void);
int target(void) { return 11; }
int main(void) { printf("tab=%d\n", mytab[0]()); return 0; }
EOF
cc tab.o tab.s
cc main.o main.c
try exe prog main.o tab.o -Wl,-z,text
try exe prog2 main.o tab.o
run prog2
try exe prog3 main.o tab.o -Wl,-z,notext
run prog3
try exe prog4 -no-pie main.o tab.o -Wl,-z,text
run prog4

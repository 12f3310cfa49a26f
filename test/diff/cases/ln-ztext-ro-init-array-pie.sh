# -z text with a read-only .init_array input section (flags "a", no "w") in a PIE:
# GNU ld links it without a text-relocation error; outcome, TEXTREL and the run compared.
cat >init.s <<'EOF'
	.section .init_array,"a"
	.p2align 3
	.quad ctor
	.section .note.GNU-stack,"",@progbits
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int flag;
void ctor(void) { flag = 42; }
int main(void) { printf("flag=%d\n", flag); return 0; }
EOF
cc init.o init.s
cc main.o main.c
try exe prog main.o init.o -Wl,-z,text
run prog
try exe prog2 main.o init.o
run prog2

# Read-only .preinit_array and .init_array input sections in -no-pie and PIE executables
# with -z text: outcome, TEXTREL and the constructor order compared.
cat >init.s <<'EOF'
	.section .preinit_array,"a"
	.p2align 3
	.quad pre
	.section .init_array,"a"
	.p2align 3
	.quad ctor
	.section .note.GNU-stack,"",@progbits
EOF
cat >main.c <<'EOF'
#include <stdio.h>
char log_buf[8]; int n;
void pre(void) { log_buf[n++] = 'p'; }
void ctor(void) { log_buf[n++] = 'c'; }
int main(void) { printf("log=%s\n", log_buf); return 0; }
EOF
cc init.o init.s
cc main.o main.c
try exe prog -no-pie main.o init.o -Wl,-z,text
run prog
try exe prog2 main.o init.o -Wl,-z,text
run prog2

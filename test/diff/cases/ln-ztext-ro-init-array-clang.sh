# clang: a C constructor plus a hand-written read-only .init_array entry in a -shared
# library and a PIE, with -z text; both constructors run, no TEXTREL.
CC=clang
cat >init.s <<'EOF'
	.section .init_array.00100,"a"
	.p2align 3
	.quad early
	.section .note.GNU-stack,"",@progbits
EOF
cat >lib.c <<'EOF'
int v;
void early(void) { v = v * 10 + 1; }
__attribute__((constructor)) static void late(void) { v = v * 10 + 2; }
int get(void) { return v; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int get(void);
int main(void) { printf("v=%d\n", get()); return 0; }
EOF
cc init.o init.s
cc lib.o -fPIC lib.c
cc main.o main.c
try so libc2.so lib.o init.o -Wl,-z,text
try exe prog main.o libc2.so
run prog
try exe prog2 main.o lib.o init.o -Wl,-z,text
run prog2

# -shared -z text with read-only .init_array and .fini_array input sections: GNU ld
# puts them in the writable RELRO segment, so no TEXTREL; the library's ctor runs.
cat >init.s <<'EOF'
	.section .init_array,"a"
	.p2align 3
	.quad ctor
	.section .fini_array,"a"
	.p2align 3
	.quad dtor
	.section .note.GNU-stack,"",@progbits
EOF
cat >lib.c <<'EOF'
#include <stdio.h>
int flag;
void ctor(void) { flag = 7; }
void dtor(void) { printf("dtor\n"); }
int get(void) { return flag; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int get(void);
int main(void) { printf("get=%d\n", get()); return 0; }
EOF
cc init.o init.s
cc lib.o -fPIC lib.c
cc main.o main.c
try so libi.so lib.o init.o -Wl,-z,text
try exe prog main.o libi.so
run prog

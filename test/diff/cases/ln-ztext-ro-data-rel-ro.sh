# .data.rel.ro and .data.rel.ro.local input sections marked read-only ("a") with
# absolute addresses, -shared and PIE with -z text: RELRO placement, no TEXTREL.
cat >tab.s <<'EOF'
	.section .data.rel.ro,"a"
	.p2align 3
	.globl tab
tab:
	.quad target
	.section .data.rel.ro.local,"a"
	.p2align 3
	.globl tab2
tab2:
	.quad target
	.section .note.GNU-stack,"",@progbits
EOF
cat >lib.c <<'EOF'
int target(void) { return 21; }
extern int (*const tab[1])(void);
extern int (*const tab2[1])(void);
int get(void) { return tab[0]() + tab2[0](); }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int get(void);
int main(void) { printf("get=%d\n", get()); return 0; }
EOF
cc tab.o tab.s
cc lib.o -fPIC lib.c
cc main.o main.c
try so libt.so lib.o tab.o -Wl,-z,text
try exe prog main.o libt.so
run prog
try exe prog2 main.o lib.o tab.o -Wl,-z,text
run prog2

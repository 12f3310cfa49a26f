# A library's local IFUNC (in a data pointer and called: IRELATIVE relocations) has a resolver
# that reads a pointer the library's RELATIVE relocation sets and a variable of another library
# through a GLOB_DAT slot: IRELATIVE must be applied after both, or the resolver crashes.
cat >mode.c <<'EOF2'
int mode = 2;
EOF2
cat >lib.c <<'EOF2'
extern int mode;
static int base = 5;
int *cfg = &base;
static int v1(void) { return 1; }
static int v2(void) { return 2; }
static void *rk(void) { return (*cfg == 5 && mode == 2) ? (void *)v2 : (void *)v1; }
static int k(void) __attribute__((ifunc("rk")));
int (*kp)(void) = k;
int lib_call(void) { return 10 * k() + kp(); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_call(void);
int main(void) { printf("lib_call %d\n", lib_call()); return 0; }
EOF2
cc mode.o -fPIC -O1 mode.c
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libmode.so mode.o 
so libk.so lib.o -L. -lmode 
exe prog main.o -L. -lk -lmode 
run prog

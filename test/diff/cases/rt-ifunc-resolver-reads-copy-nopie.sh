# A non-PIE program has a local IFUNC whose resolver reads a library variable the program
# copies (R_X86_64_COPY) and a pointer in its own data: the IRELATIVE relocations must be
# applied after the COPY, or the resolver sees a zero and picks the wrong body. Lazy, -z now.
cat >mode.c <<'EOF2'
int mode = 2;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int mode;
static int base = 5;
int *cfg = &base;
static int v1(void) { return 1; }
static int v2(void) { return 2; }
static void *rk(void) { return (*cfg == 5 && mode == 2) ? (void *)v2 : (void *)v1; }
static int k(void) __attribute__((ifunc("rk")));
int (*kp)(void) = k;
int main(void) { printf("k %d kp %d\n", k(), kp()); return 0; }
EOF2
cc mode.o -fPIC -O1 mode.c
cc main.o -fno-pic -O1 main.c
so libmode.so mode.o
exe prog -no-pie main.o -L. -lmode
run prog
exe prognow -no-pie main.o -L. -lmode -Wl,-z,now
run prognow

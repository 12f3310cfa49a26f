# A library stores the address of its own local IFUNC in initialized data: a -shared output
# needs an R_X86_64_IRELATIVE for that word (GNU ld emits one); without it the pointer holds
# an unrelocated link-time value and calling through it crashes.
cat >lib.c <<'EOF2'
static int body(void) { return 77; }
static void *res(void) { return (void *)body; }
static int k(void) __attribute__((ifunc("res")));
int (*kp)(void) = k;
static int (*const kps[2])(void) = {k, k};
int lib_call(void) { return kps[1](); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int (*kp)(void);
int lib_call(void);
int main(void) { printf("kp %d table %d\n", kp(), lib_call()); return 0; }
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libk.so lib.o
exe prog main.o -L. -lk
run prog

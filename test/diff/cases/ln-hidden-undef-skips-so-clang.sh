# clang: a hidden undefined reference (function and variable) skips the shared
# object's definitions and is satisfied by an archive member after it.
CC=clang
cat >lib.c <<'EOF'
int f(void) { return 1; }
int v = 10;
EOF
cat >arch.c <<'EOF'
int f(void) { return 2; }
int v = 20;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
__attribute__((visibility("hidden"))) int f(void);
extern __attribute__((visibility("hidden"))) int v;
int main(void) { printf("f=%d v=%d\n", f(), v); return 0; }
EOF
cc lib.o -fPIC lib.c
cc arch.o -fPIC arch.c
cc main.o main.c
ar rcs libf.a arch.o
so libf.so lib.o -Wl,-soname,libf.so
exe prog main.o -L. -lf -Wl,-Bstatic -lf -Wl,-Bdynamic
run prog

# A hidden undefined reference is not satisfied by a shared object's definition: the
# search goes on to a later archive whose member is linked in (PIE).
cat >lib.c <<'EOF'
int f(void) { return 1; }
EOF
cat >arch.c <<'EOF'
int f(void) { return 2; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
__attribute__((visibility("hidden"))) int f(void);
int main(void) { printf("f=%d\n", f()); return 0; }
EOF
cc lib.o -fPIC lib.c
cc arch.o -fPIC arch.c
cc main.o main.c
ar rcs libf.a arch.o
so libf.so lib.o -Wl,-soname,libf.so
exe prog main.o libf.so libf.a
run prog

# A protected (and an internal) undefined reference with only a shared object's
# definition: link outcomes are compared, and a later archive member satisfies it.
cat >lib.c <<'EOF'
int f(void) { return 1; }
EOF
cat >arch.c <<'EOF'
int f(void) { return 2; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
__attribute__((visibility("protected"))) int f(void);
int main(void) { printf("f=%d\n", f()); return 0; }
EOF
cat >main2.c <<'EOF'
#include <stdio.h>
__attribute__((visibility("internal"))) int f(void);
int main(void) { printf("f=%d\n", f()); return 0; }
EOF
cc lib.o -fPIC lib.c
cc arch.o -fPIC arch.c
cc main.o main.c
cc main2.o main2.c
ar rcs libf.a arch.o
so libf.so lib.o -Wl,-soname,libf.so
try exe prog main.o libf.so
try exe prog2 main.o libf.so libf.a
run prog2
try exe prog3 main2.o libf.so libf.a
run prog3

# A hidden undefined reference with only a shared object defining the symbol: GNU ld
# refuses the link (hidden symbol referenced); outcomes compared for exe and -shared.
cat >lib.c <<'EOF'
int f(void) { return 1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
__attribute__((visibility("hidden"))) int f(void);
int main(void) { printf("f=%d\n", f()); return 0; }
EOF
cat >lib2.c <<'EOF'
__attribute__((visibility("hidden"))) int f(void);
int g(void) { return f(); }
EOF
cc lib.o -fPIC lib.c
cc lib2.o -fPIC lib2.c
cc main.o main.c
so libf.so lib.o -Wl,-soname,libf.so
try exe prog main.o libf.so
try exe prog2 -no-pie main.o libf.so
try so libg.so lib2.o libf.so

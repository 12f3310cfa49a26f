# A hidden weak undefined reference is not bound to a shared object's definition: it
# stays null (and is not imported); the program prints whether it is null.
cat >lib.c <<'EOF'
int f(void) { return 1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
__attribute__((weak, visibility("hidden"))) int f(void);
int main(void) { printf("f is %s\n", f ? "set" : "null"); return f ? f() : 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o -fPIC main.c
so libf.so lib.o -Wl,-soname,libf.so
try exe prog main.o libf.so -Wl,--no-as-needed
run prog
try exe prog2 -no-pie main.o libf.so -Wl,--no-as-needed
run prog2

# --as-needed: a library referenced only weakly by the program is not needed (GNU ld
# counts only non-weak references); the program prints whether the symbol resolved.
cat >lib.c <<'EOF'
int maybe(void) { return 9; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int maybe(void) __attribute__((weak));
int main(void) { printf("maybe=%d\n", maybe ? maybe() : -1); return 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o main.c
so libm1.so lib.o -Wl,-soname,libm1.so
exe prog main.o -Wl,--as-needed libm1.so
run prog
exe prog2 main.o -Wl,--no-as-needed libm1.so
run prog2

# --as-needed with --gc-sections: a library referenced only from a collected function
# is not needed (PIE and -no-pie); DT_NEEDED compared.
cat >lib.c <<'EOF'
int libfn(void) { return 3; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int libfn(void);
int unused(void) { return libfn(); }
int main(void) { printf("main\n"); return 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o -ffunction-sections main.c
so libl.so lib.o -Wl,-soname,libl.so
exe prog main.o -Wl,--gc-sections -Wl,--as-needed libl.so
run prog
exe prog2 -no-pie main.o -Wl,--gc-sections -Wl,--as-needed libl.so
run prog2
exe prog3 main.o -Wl,--as-needed libl.so
run prog3

# --as-needed: libb.so is referenced only by liba.so, which the program does not use:
# neither is needed; when the program uses liba.so, libb.so is not needed by the program.
cat >b.c <<'EOF'
int b(void) { return 2; }
EOF
cat >a.c <<'EOF'
int b(void);
int a(void) { return b() + 1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int main(void) { printf("main\n"); return 0; }
EOF
cat >main2.c <<'EOF'
#include <stdio.h>
int a(void);
int main(void) { printf("a=%d\n", a()); return 0; }
EOF
cc b.o -fPIC b.c
cc a.o -fPIC a.c
cc main.o main.c
cc main2.o main2.c
so libb.so b.o -Wl,-soname,libb.so
so liba.so a.o -Wl,-soname,liba.so libb.so
exe prog main.o -Wl,--as-needed liba.so libb.so
run prog
exe prog2 main2.o -Wl,--as-needed liba.so libb.so
run prog2
exe prog3 main2.o -Wl,--as-needed libb.so liba.so
run prog3

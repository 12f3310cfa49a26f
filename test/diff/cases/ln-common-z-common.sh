# -z common / -z nocommon are accepted by GNU ld in final links (PIE, -no-pie, -shared);
# the program using the common symbol runs the same.
cat >a.c <<'EOF'
int cnt;
void inc(void) { cnt++; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
extern int cnt;
void inc(void);
int main(void) { inc(); inc(); printf("cnt=%d\n", cnt); return 0; }
EOF
cc a.o -fcommon -fPIC a.c
cc main.o main.c
try exe prog main.o a.o -Wl,-z,common
run prog
try exe prog2 -no-pie main.o a.o -Wl,-z,nocommon
run prog2
try so liba.so a.o -Wl,-z,common
try exe prog3 main.o liba.so
run prog3

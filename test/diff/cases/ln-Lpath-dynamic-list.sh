# -Wl,--dynamic-list=d.lst found only through a -L directory (PIE): the listed symbol
# is exported from the executable and a library calls back into it.
mkdir -p scripts
cat >scripts/d.lst <<'EOF'
{ hook; };
EOF
cat >lib.c <<'EOF'
int hook(void) { return 1; }
int call_hook(void) { return hook(); }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int hook(void) { return 99; }
int call_hook(void);
int main(void) { printf("hook=%d\n", call_hook()); return 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o main.c
so libh.so lib.o -Wl,-soname,libh.so
try exe prog main.o libh.so -Lscripts -Wl,--dynamic-list=d.lst
run prog

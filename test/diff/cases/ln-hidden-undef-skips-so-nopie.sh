# -no-pie: a hidden undefined data reference skips the shared object's definition and
# takes the archive member's, found through -L/-l (-lf names libf.so; libg.a later).
cat >lib.c <<'EOF'
int val = 1;
int other(void) { return 5; }
EOF
cat >arch.c <<'EOF'
int val = 2;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
extern int val __attribute__((visibility("hidden")));
int other(void);
int main(void) { printf("val=%d other=%d\n", val, other()); return 0; }
EOF
cc lib.o -fPIC lib.c
cc arch.o -fno-pic arch.c
cc main.o -fno-pic main.c
ar rcs libg.a arch.o
so libf.so lib.o -Wl,-soname,libf.so
exe prog -no-pie main.o -L. -lf -lg
run prog

# -z origin marks the object (DF_ORIGIN, DF_1_ORIGIN) alongside a $ORIGIN run path;
# flags compared for an executable and a library, and the program runs.
mkdir -p sub
cat >lib.c <<'EOF'
int where(void) { return 5; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int where(void);
int main(void) { printf("where=%d\n", where()); return 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o main.c
so sub/libw.so lib.o -Wl,-soname,libw.so -Wl,-z,origin
exe prog main.o sub/libw.so '-Wl,-rpath,$ORIGIN/sub' -Wl,-z,origin
run prog

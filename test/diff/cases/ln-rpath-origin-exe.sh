# A program finds its library through -rpath '$ORIGIN/sub' at run time (the library is
# only in sub/, not in the LD_LIBRARY_PATH directory); PIE and -no-pie.
mkdir -p sub
cat >lib.c <<'EOF'
int where(void) { return 1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int where(void);
int main(void) { printf("where=%d\n", where()); return 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o main.c
so sub/libw.so lib.o -Wl,-soname,libw.so
exe prog main.o sub/libw.so '-Wl,-rpath,$ORIGIN/sub'
run prog
exe prog2 -no-pie main.o -Lsub -lw -Wl,-rpath,\$ORIGIN/sub
run prog2

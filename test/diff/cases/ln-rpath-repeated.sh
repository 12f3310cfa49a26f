# Repeated -rpath options (a missing directory first, then $ORIGIN/sub): all are kept,
# in order, so the program finds the library in sub/ at run time.
mkdir -p sub
cat >lib.c <<'EOF'
int where(void) { return 2; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int where(void);
int main(void) { printf("where=%d\n", where()); return 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o main.c
so sub/libw.so lib.o -Wl,-soname,libw.so
exe prog main.o sub/libw.so -Wl,-rpath,/nonexistent/dir '-Wl,-rpath,$ORIGIN/sub' -Wl,-rpath,/nonexistent/dir
run prog
exe prog2 main.o sub/libw.so '-Wl,-R,$ORIGIN/nothing' '-Wl,-R,$ORIGIN/sub'
run prog2

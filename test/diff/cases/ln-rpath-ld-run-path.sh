# With no -rpath, GNU ld takes the run path from LD_RUN_PATH in its environment; with
# -rpath the variable is ignored. The program's choice of library is compared.
mkdir -p sub sub2
cat >lib1.c <<'EOF'
int where(void) { return 1; }
EOF
cat >lib2.c <<'EOF'
int where(void) { return 2; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int where(void);
int main(void) { printf("where=%d\n", where()); return 0; }
EOF
cc lib1.o -fPIC lib1.c
cc lib2.o -fPIC lib2.c
cc main.o main.c
so sub/libw.so lib1.o -Wl,-soname,libw.so
so sub2/libw.so lib2.o -Wl,-soname,libw.so
LD_RUN_PATH='$ORIGIN/sub' exe prog main.o sub/libw.so
run prog
LD_RUN_PATH='$ORIGIN/sub' exe prog2 main.o sub/libw.so '-Wl,-rpath,$ORIGIN/sub2'
run prog2

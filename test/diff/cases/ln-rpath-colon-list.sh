# A :-separated -rpath list ('/nonexistent:$ORIGIN/sub2:$ORIGIN/sub') is kept whole:
# the first directory holding the library (sub2) wins at run time.
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
exe prog main.o sub/libw.so '-Wl,-rpath,/nonexistent:$ORIGIN/sub2:$ORIGIN/sub'
run prog
exe prog2 main.o sub/libw.so '-Wl,-rpath,$ORIGIN/sub:$ORIGIN/sub2'
run prog2

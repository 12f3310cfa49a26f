# --disable-new-dtags (DT_RPATH, searched before LD_LIBRARY_PATH) versus the default
# DT_RUNPATH: which copy of the library the program loads differs and is compared.
mkdir -p sub
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
so libw.so lib1.o -Wl,-soname,libw.so
so sub/libw.so lib2.o -Wl,-soname,libw.so
exe prog main.o libw.so '-Wl,-rpath,$ORIGIN/sub' -Wl,--disable-new-dtags
run prog
exe prog2 main.o libw.so '-Wl,-rpath,$ORIGIN/sub' -Wl,--enable-new-dtags
run prog2
exe prog3 main.o libw.so '-Wl,-rpath,$ORIGIN/sub'
run prog3

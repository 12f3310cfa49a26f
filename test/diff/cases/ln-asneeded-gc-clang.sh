# clang (no default --as-needed): --gc-sections with an explicit --as-needed around a
# library used only by a collected function; and a C++-free static helper archive.
CC=clang
cat >lib.c <<'EOF'
int libfn(void) { return 3; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int libfn(void);
int unused(void) { return libfn(); }
int main(void) { printf("main\n"); return 0; }
EOF
cc lib.o -fPIC lib.c
cc main.o -ffunction-sections main.c
so libl.so lib.o -Wl,-soname,libl.so
exe prog main.o -Wl,--gc-sections -Wl,--as-needed libl.so -Wl,--no-as-needed
run prog
exe prog2 main.o -Wl,--gc-sections libl.so
run prog2

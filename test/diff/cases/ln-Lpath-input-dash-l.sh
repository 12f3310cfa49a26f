# An implicit linker script on the command line with INPUT(-lfoo) and a
# SEARCH_DIR: the library is found through the script's search directory.
mkdir -p deps
cat >foo.c <<'EOF'
int foo(void) { return 8; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(void);
int main(void) { printf("foo=%d\n", foo()); return 0; }
EOF
cc foo.o -fPIC foo.c
cc main.o main.c
so deps/libfoo.so foo.o -Wl,-soname,libfoo.so
cat >use-deps.ld <<'EOF'
SEARCH_DIR(deps)
INPUT(-lfoo)
EOF
cat >use-L.ld <<'EOF'
INPUT(-lfoo)
EOF
try exe prog main.o use-deps.ld '-Wl,-rpath,$ORIGIN/deps'
run prog
try exe prog2 main.o -Ldeps use-L.ld '-Wl,-rpath,$ORIGIN/deps'
run prog2

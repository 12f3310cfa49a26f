# --sysroot with a leading = in -L=/lib: the library is searched in SYSROOT/lib of a
# fake sysroot built in the case; also $SYSROOT in -L.
mkdir -p sr/lib
cat >foo.c <<'EOF'
int foo(void) { return 12; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(void);
int main(void) { printf("foo=%d\n", foo()); return 0; }
EOF
cc foo.o -fPIC foo.c
cc main.o main.c
so sr/lib/libfoo.so foo.o -Wl,-soname,libfoo.so
cp sr/lib/libfoo.so libfoo.so
try exe prog main.o -Wl,--sysroot="$PWD/sr" -Wl,-L=/lib -lfoo
run prog
try exe prog2 main.o -Wl,--sysroot="$PWD/sr" '-Wl,-L$SYSROOT/lib' -lfoo
run prog2
try exe prog3 main.o -Wl,--sysroot="$PWD/sr" -Wl,-L,=/lib -lfoo
run prog3

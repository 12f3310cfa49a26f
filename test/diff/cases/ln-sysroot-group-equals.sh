# A linker script with GROUP(=/lib/libfoo.so =/lib/libbar.a) under --sysroot: the =
# is replaced by the sysroot (script in a -L directory outside the sysroot).
mkdir -p sr/lib scripts
cat >foo.c <<'EOF'
int bar(void);
int foo(void) { return 20; }
EOF
cat >bar.c <<'EOF'
int foo(void);
int bar(void) { return foo() + 1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int bar(void);
int main(void) { printf("bar=%d\n", bar()); return 0; }
EOF
cc foo.o -fPIC foo.c
cc bar.o -fPIC bar.c
cc main.o main.c
so sr/lib/libfoo.so foo.o -Wl,-soname,libfoo.so
ar rcs sr/lib/libbar.a bar.o
cp sr/lib/libfoo.so libfoo.so
cat >scripts/libfb.so <<'EOF'
GROUP ( =/lib/libfoo.so =/lib/libbar.a )
EOF
try exe prog main.o -Wl,--sysroot="$PWD/sr" -Lscripts -lfb
run prog
cat >scripts/libfb2.so <<'EOF'
GROUP ( $SYSROOT/lib/libfoo.so $SYSROOT/lib/libbar.a )
EOF
try exe prog2 main.o -Wl,--sysroot="$PWD/sr" -Lscripts -lfb2
run prog2

# Building a shared library: an undefined symbol of a shared object on the line pulls
# the archive member that defines it into the output, which then exports it.
cat >foo.c <<'EOF'
int bar(int);
int foo(int x) { return bar(x) + 1; }
EOF
cat >bar.c <<'EOF'
int bar(int x) { return x * 10; }
int bar_unused(void) { return 3; }
EOF
cat >mid.c <<'EOF'
int foo(int);
int mid(int x) { return foo(x) * 2; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int mid(int);
int main(void) { printf("mid(4)=%d\n", mid(4)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc bar.o -fPIC bar.c
cc mid.o -fPIC mid.c
cc main.o main.c
ar rcs libbar.a bar.o
so libfoo.so foo.o -Wl,-soname,libfoo.so
so libmid.so mid.o libfoo.so libbar.a -Wl,-soname,libmid.so
exe prog main.o libmid.so libfoo.so
run prog

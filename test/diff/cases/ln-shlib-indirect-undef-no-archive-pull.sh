# An undefined symbol of an indirect (DT_NEEDED-only) library does not pull archive
# members the way a library on the line does; link outcomes are compared.
cat >baz.c <<'EOF'
int bar(int);
int baz(int x) { return bar(x) + 2; }
EOF
cat >foo.c <<'EOF'
int baz(int);
int foo(int x) { return baz(x) + 1; }
EOF
cat >bar.c <<'EOF'
int bar(int x) { return x * 10; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo(4)=%d\n", foo(4)); return 0; }
EOF
cc baz.o -fPIC baz.c
cc foo.o -fPIC foo.c
cc bar.o -fPIC bar.c
cc main.o main.c
ar rcs libbar.a bar.o
so libbaz.so baz.o -Wl,-soname,libbaz.so
so libfoo.so foo.o -Wl,-soname,libfoo.so libbaz.so
try exe prog main.o libfoo.so libbar.a -Wl,-rpath-link,.
try exe prog2 main.o libfoo.so libbar.a -Wl,-rpath-link,. -Wl,--allow-shlib-undefined
try exe prog3 main.o libfoo.so libbaz.so libbar.a
run prog3

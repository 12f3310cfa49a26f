# A shared object's undefined symbol defined by the executable is exported to satisfy
# it (default, hidden and internal definitions compared; -no-pie too).
cat >foo.c <<'EOF'
int cb(int);
int foo(int x) { return cb(x) + 1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int cb(int x) { return x * 7; }
int main(void) { printf("foo=%d\n", foo(2)); return 0; }
EOF
cat >mainh.c <<'EOF'
#include <stdio.h>
int foo(int);
__attribute__((visibility("hidden"))) int cb(int x) { return x * 7; }
int main(void) { printf("foo=%d\n", foo(2)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc main.o main.c
cc mainh.o mainh.c
so libfoo.so foo.o -Wl,-soname,libfoo.so
try exe prog main.o libfoo.so
run prog
try exe prog2 -no-pie main.o libfoo.so
run prog2
try exe prog3 mainh.o libfoo.so
try exe prog4 mainh.o libfoo.so -Wl,--allow-shlib-undefined

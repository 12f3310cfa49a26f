# Order variant: the archive comes before the shared object whose undefined symbol it
# would satisfy, so it is not searched again; the link outcome is compared.
cat >foo.c <<'EOF'
int bar(int);
int foo(int x) { return bar(x) + 1; }
EOF
cat >bar.c <<'EOF'
int bar(int x) { return x * 10; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo(4)=%d\n", foo(4)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc bar.o -fPIC bar.c
cc main.o main.c
ar rcs libbar.a bar.o
so libfoo.so foo.o -Wl,-soname,libfoo.so
try exe prog main.o libbar.a libfoo.so
try exe prog2 main.o libbar.a libfoo.so -Wl,--allow-shlib-undefined
try exe prog3 main.o -Wl,--start-group libbar.a libfoo.so -Wl,--end-group
run prog3

# --no-allow-shlib-undefined (the default for executables): a shared object's symbol
# that nothing defines is an error; --allow-shlib-undefined links (lazy call unused).
cat >foo.c <<'EOF'
int missing(int);
int foo(int x) { return x > 100 ? missing(x) : x + 1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo=%d\n", foo(1)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc main.o main.c
so libfoo.so foo.o -Wl,-soname,libfoo.so
try exe prog main.o libfoo.so
try exe prog2 main.o libfoo.so -Wl,--allow-shlib-undefined
run prog2
try exe prog3 -no-pie main.o libfoo.so -Wl,--allow-shlib-undefined
run prog3
try exe prog4 main.o libfoo.so -Wl,--allow-shlib-undefined -Wl,--no-allow-shlib-undefined

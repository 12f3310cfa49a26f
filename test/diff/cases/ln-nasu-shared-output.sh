# -shared allows undefined symbols of libraries on the line by default; with
# --no-allow-shlib-undefined it reports them; -z defs is about the output's own refs.
cat >foo.c <<'EOF'
int missing(int);
int foo(int x) { return x > 100 ? missing(x) : x + 1; }
EOF
cat >lib.c <<'EOF'
int foo(int);
int lib(int x) { return foo(x) * 2; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int lib(int);
int main(void) { printf("lib=%d\n", lib(1)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc lib.o -fPIC lib.c
cc main.o main.c
so libfoo.so foo.o -Wl,-soname,libfoo.so
try so liblib.so lib.o libfoo.so -Wl,-soname,liblib.so
try so liblib2.so lib.o libfoo.so -Wl,--no-allow-shlib-undefined
try so liblib3.so lib.o libfoo.so -Wl,-z,defs
try exe prog main.o liblib.so libfoo.so -Wl,--allow-shlib-undefined
run prog

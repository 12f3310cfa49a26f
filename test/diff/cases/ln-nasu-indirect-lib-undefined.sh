# An indirect library (DT_NEEDED of a library on the line, not on the line itself) has
# an undefined symbol nothing defines: outcome with and without --allow-shlib-undefined.
cat >baz.c <<'EOF'
int nowhere(void);
int baz(int x) { return x > 100 ? nowhere() : x * 2; }
EOF
cat >foo.c <<'EOF'
int baz(int);
int foo(int x) { return baz(x) + 1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo=%d\n", foo(3)); return 0; }
EOF
cc baz.o -fPIC baz.c
cc foo.o -fPIC foo.c
cc main.o main.c
so libbaz.so baz.o -Wl,-soname,libbaz.so
so libfoo.so foo.o -Wl,-soname,libfoo.so libbaz.so
try exe prog main.o libfoo.so -Wl,-rpath-link,.
try exe prog2 main.o libfoo.so -Wl,-rpath-link,. -Wl,--allow-shlib-undefined
run prog2
try exe prog3 main.o libfoo.so libbaz.so

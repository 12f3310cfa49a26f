# --no-allow-shlib-undefined: a shared object's undefined symbol defined by another
# library on the command line (before or after it) is not reported.
cat >foo.c <<'EOF'
int helper(int);
int foo(int x) { return helper(x) + 1; }
EOF
cat >helper.c <<'EOF'
int helper(int x) { return x * 3; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo=%d\n", foo(2)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc helper.o -fPIC helper.c
cc main.o main.c
so libfoo.so foo.o -Wl,-soname,libfoo.so
so libhelper.so helper.o -Wl,-soname,libhelper.so
try exe prog main.o libfoo.so libhelper.so
run prog
try exe prog2 main.o libhelper.so libfoo.so
run prog2
try exe prog3 main.o libfoo.so -Wl,--as-needed libhelper.so
run prog3
try exe prog4 main.o libfoo.so -Wl,--no-as-needed libhelper.so
run prog4

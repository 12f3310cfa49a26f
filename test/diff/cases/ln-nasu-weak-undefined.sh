# A weak undefined symbol of a shared object that nothing defines is not reported by
# --no-allow-shlib-undefined; the library sees it as null at run time.
cat >foo.c <<'EOF'
int opt_hook(int) __attribute__((weak));
extern int opt_var __attribute__((weak));
int foo(int x) { return (opt_hook ? opt_hook(x) : -1) + (&opt_var ? opt_var : -10); }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo=%d\n", foo(2)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc main.o main.c
so libfoo.so foo.o -Wl,-soname,libfoo.so
try exe prog main.o libfoo.so
run prog
try exe prog2 -no-pie main.o libfoo.so -Wl,-z,now
run prog2

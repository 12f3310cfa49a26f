# .symver foo@@VERS_2.0 in an executable's object without a version script (exported
# with -rdynamic, -no-pie too): the version is created in the executable.
cat >main.c <<'EOF'
#include <stdio.h>
int foo_2(void) { return 2; }
__asm__(".symver foo_2, foo@@VERS_2.0");
int foo(void);
int main(void) { printf("foo=%d\n", foo()); return 0; }
EOF
cc main.o main.c
try exe prog main.o -rdynamic
run prog
try exe prog2 -no-pie main.o -rdynamic
run prog2
try exe prog3 main.o
run prog3

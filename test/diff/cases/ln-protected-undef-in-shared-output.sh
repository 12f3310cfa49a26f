# A shared object whose own code references a protected symbol it does not define
# cannot be linked: the loader may not bind a protected reference to another module, so
# it is "undefined reference to `visibility'" as in GNU ld (its vsb protected_undef
# tests; rivet linked it and the program crashed). A weak protected reference is 0.
cat >lib.c <<'EOF2'
extern int visibility(void);
__asm__(".protected visibility");
int call(void) { return visibility(); }
EOF2
cat >weak.c <<'EOF2'
extern int maybe(void) __attribute__((weak));
__asm__(".protected maybe");
int call(void) { return maybe ? maybe() : -1; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int call(void);
int visibility(void) { return 1; }
int maybe(void) { return 2; }
int main(void) { printf("%d\n", call()); return 0; }
EOF2
cc lib.o -fPIC lib.c
cc weak.o -fPIC weak.c
cc main.o main.c
try so libbad.so lib.o
so libweak.so weak.o
exe prog main.o libweak.so
run prog

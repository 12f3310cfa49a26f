# -shared: a hidden undefined reference in the library's own object is not satisfied
# by another .so's definition; a later archive member defines it (not exported).
cat >dep.c <<'EOF'
int f(void) { return 1; }
EOF
cat >arch.c <<'EOF'
int f(void) { return 2; }
EOF
cat >lib.c <<'EOF'
__attribute__((visibility("hidden"))) int f(void);
int g(void) { return f() * 10; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int g(void);
int main(void) { printf("g=%d\n", g()); return 0; }
EOF
cc dep.o -fPIC dep.c
cc arch.o -fPIC arch.c
cc lib.o -fPIC lib.c
cc main.o main.c
ar rcs libf.a arch.o
so libdep.so dep.o -Wl,-soname,libdep.so
so libg.so lib.o libdep.so libf.a -Wl,-soname,libg.so
exe prog main.o libg.so
run prog

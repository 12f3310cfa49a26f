# --default-symver versions every exported symbol with the soname; a program linked
# against it needs that version. --default-imported-symver is accepted too.
cat >v.c <<'EOF'
int foo(void) { return 1; }
int bar = 2;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(void); extern int bar;
int main(void) { printf("foo=%d bar=%d\n", foo(), bar); return 0; }
EOF
cc v.o -fPIC v.c
cc main.o main.c
try so libv.so.1 v.o -Wl,-soname,libv.so.1 -Wl,--default-symver
try exe prog main.o libv.so.1
run prog
try exe prog2 main.o libv.so.1 -Wl,--default-imported-symver
run prog2

# A shared library's own -rpath '$ORIGIN/../dep' finds its dependency at run time,
# and the link of the program finds it through -rpath-link.
mkdir -p lib dep
cat >dep.c <<'EOF'
int dep(void) { return 40; }
EOF
cat >mid.c <<'EOF'
int dep(void);
int mid(void) { return dep() + 2; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int mid(void);
int main(void) { printf("mid=%d\n", mid()); return 0; }
EOF
cc dep.o -fPIC dep.c
cc mid.o -fPIC mid.c
cc main.o main.c
so dep/libdep.so dep.o -Wl,-soname,libdep.so
so lib/libmid.so mid.o dep/libdep.so -Wl,-soname,libmid.so '-Wl,-rpath,$ORIGIN/../dep'
exe prog main.o lib/libmid.so '-Wl,-rpath,$ORIGIN/lib' -Wl,-rpath-link,dep
run prog
try exe prog2 main.o lib/libmid.so '-Wl,-rpath,$ORIGIN/lib'
run prog2

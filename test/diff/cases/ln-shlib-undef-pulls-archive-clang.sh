# clang: an undefined data and function reference of a shared object pulls archive
# members (two members, one per symbol) into a PIE; both are exported.
CC=clang
cat >foo.c <<'EOF'
extern int tbl[4];
int bar(int);
int foo(int x) { return bar(x) + tbl[2]; }
EOF
cat >bar.c <<'EOF'
int bar(int x) { return x * 10; }
EOF
cat >tbl.c <<'EOF'
int tbl[4] = {1, 2, 3, 4};
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo(4)=%d\n", foo(4)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc bar.o -fPIC bar.c
cc tbl.o -fPIC tbl.c
cc main.o main.c
ar rcs libbar.a bar.o tbl.o
so libfoo.so foo.o -Wl,-soname,libfoo.so
exe prog main.o libfoo.so libbar.a
run prog

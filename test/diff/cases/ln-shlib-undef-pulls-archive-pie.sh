# An undefined symbol of a shared object on the command line pulls the archive member
# that defines it (PIE): prog main.o libfoo.so libbar.a; bar is then exported.
cat >foo.c <<'EOF'
int bar(int);
int foo(int x) { return bar(x) + 1; }
EOF
cat >bar.c <<'EOF'
int bar(int x) { return x * 10; }
EOF
cat >other.c <<'EOF'
int other(void) { return 99; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo(4)=%d\n", foo(4)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc bar.o -fPIC bar.c
cc other.o -fPIC other.c
cc main.o main.c
ar rcs libbar.a bar.o other.o
so libfoo.so foo.o -Wl,-soname,libfoo.so
exe prog main.o libfoo.so libbar.a
run prog

# A weak undefined symbol of a shared object does not pull an archive member (bfd);
# the program prints whether the weak reference resolved.
cat >foo.c <<'EOF'
int bar(int) __attribute__((weak));
int foo(int x) { return bar ? bar(x) : -1; }
EOF
cat >bar.c <<'EOF'
int bar(int x) { return x * 10; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo(4)=%d\n", foo(4)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc bar.o -fPIC bar.c
cc main.o main.c
ar rcs libbar.a bar.o
so libfoo.so foo.o -Wl,-soname,libfoo.so
exe prog main.o libfoo.so libbar.a
run prog
exe prog2 -no-pie main.o libfoo.so libbar.a
run prog2

# The .so's undefined symbol is defined both by an archive member and by a later
# shared object: the archive member (earlier) wins and is exported from the executable.
cat >foo.c <<'EOF'
int bar(int);
int foo(int x) { return bar(x) + 1; }
EOF
cat >bar.c <<'EOF'
int bar(int x) { return x * 10; }
EOF
cat >bar2.c <<'EOF'
int bar(int x) { return x * 1000; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo(4)=%d\n", foo(4)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc bar.o -fPIC bar.c
cc bar2.o -fPIC bar2.c
cc main.o main.c
ar rcs libbar.a bar.o
so libfoo.so foo.o -Wl,-soname,libfoo.so
so libbar2.so bar2.o -Wl,-soname,libbar2.so
exe prog main.o libfoo.so libbar.a libbar2.so
run prog
exe prog2 main.o libfoo.so libbar2.so libbar.a
run prog2

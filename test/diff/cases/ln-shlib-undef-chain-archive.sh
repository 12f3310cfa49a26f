# A member pulled for a shared object's undefined symbol itself needs another member
# (and another .so symbol); the chain is extracted and exported as bfd does.
cat >foo.c <<'EOF'
int bar(int);
int foo(int x) { return bar(x) + 1; }
int helper(void) { return 5; }
EOF
cat >bar.c <<'EOF'
int baz(int);
int helper(void);
int bar(int x) { return baz(x) + helper(); }
EOF
cat >baz.c <<'EOF'
int baz(int x) { return x * 100; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo(4)=%d\n", foo(4)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc bar.o -fPIC bar.c
cc baz.o -fPIC baz.c
cc main.o main.c
ar rcs libbar.a bar.o baz.o
so libfoo.so foo.o -Wl,-soname,libfoo.so
exe prog main.o libfoo.so libbar.a
run prog
exe prog2 -no-pie main.o -L. -lfoo -lbar -Wl,-z,now
run prog2

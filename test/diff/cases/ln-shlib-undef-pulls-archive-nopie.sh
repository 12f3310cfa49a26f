# An undefined symbol of a shared object pulls the archive member that defines it in a
# -no-pie executable, with -L/-l; the member's symbol is exported from the executable.
cat >foo.c <<'EOF'
extern int bar_data;
int bar(int);
int foo(int x) { return bar(x) + bar_data; }
EOF
cat >bar.c <<'EOF'
int bar_data = 7;
int bar(int x) { return x * 10; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo(4)=%d\n", foo(4)); return 0; }
EOF
cc foo.o -fPIC foo.c
cc bar.o -fno-pic bar.c
cc main.o -fno-pic main.c
ar rcs libbar.a bar.o
so libfoo.so foo.o -Wl,-soname,libfoo.so
exe prog -no-pie main.o -L. -lfoo -lbar
run prog

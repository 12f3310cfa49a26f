# --no-allow-shlib-undefined: an undefined symbol of libfoo.so defined by libdep.so,
# a DT_NEEDED of another library on the line (found by -rpath-link): not reported.
cat >dep.c <<'EOF'
int helper(int x) { return x * 3; }
EOF
cat >mid.c <<'EOF'
int helper(int);
int mid(int x) { return helper(x); }
EOF
cat >foo.c <<'EOF'
int helper(int);
int foo(int x) { return helper(x) + 1; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int); int mid(int);
int main(void) { printf("foo=%d mid=%d\n", foo(2), mid(2)); return 0; }
EOF
cc dep.o -fPIC dep.c
cc mid.o -fPIC mid.c
cc foo.o -fPIC foo.c
cc main.o main.c
mkdir -p sub
so sub/libdep.so dep.o -Wl,-soname,libdep.so
so libmid.so mid.o -Wl,-soname,libmid.so sub/libdep.so
so libfoo.so foo.o -Wl,-soname,libfoo.so
cp sub/libdep.so libdep.so
try exe prog main.o libfoo.so libmid.so -Wl,-rpath-link,sub
run prog
try exe prog2 main.o libfoo.so libmid.so
run prog2

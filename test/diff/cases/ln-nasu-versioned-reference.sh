# A shared object's versioned reference (bar@V1 from libbar.so) when the library on the
# line defines bar only at another version, or unversioned: outcomes compared.
cat >bar1.c <<'EOF'
int bar(int x) { return x + 1000; }
EOF
cat >v1.map <<'EOF'
V1 { global: bar; local: *; };
EOF
cat >v2.map <<'EOF'
V2 { global: bar; local: *; };
EOF
cat >foo.c <<'EOF'
int bar(int);
int foo(int x) { return bar(x); }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(int);
int main(void) { printf("foo=%d\n", foo(1)); return 0; }
EOF
cc bar1.o -fPIC bar1.c
cc foo.o -fPIC foo.c
cc main.o main.c
mkdir -p v1 v2 nov
so v1/libbar.so bar1.o -Wl,-soname,libbar.so -Wl,--version-script=v1.map
so v2/libbar.so bar1.o -Wl,-soname,libbar.so -Wl,--version-script=v2.map
so nov/libbar.so bar1.o -Wl,-soname,libbar.so
so libfoo.so foo.o -Wl,-soname,libfoo.so v1/libbar.so
cp v1/libbar.so libbar.so
try exe prog main.o libfoo.so v1/libbar.so
run prog
try exe prog2 main.o libfoo.so v2/libbar.so
try exe prog3 main.o libfoo.so nov/libbar.so
try exe prog4 main.o libfoo.so -Wl,-rpath-link,v2

# An indirect library (libbaz.so, only in libfoo.so's DT_NEEDED) calls back into the
# executable: GNU ld reads it (found by -rpath-link, or by libfoo's DT_RUNPATH with
# $ORIGIN) and exports the executable's definition, so the call binds at run time.
cat >baz.c <<'EOF2'
int exe_callback(int);
int baz(int x) { return exe_callback(x) + 1; }
EOF2
cat >foo.c <<'EOF2'
int baz(int);
int foo(int x) { return baz(x) * 2; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int foo(int);
int exe_callback(int x) { return x + 100; }
int main(void) { printf("foo=%d\n", foo(1)); return 0; }
EOF2
cc baz.o -fPIC baz.c
cc foo.o -fPIC foo.c
cc main.o main.c
mkdir -p deps
so deps/libbaz.so baz.o -Wl,-soname,libbaz.so
so libfoo.so foo.o -Wl,-soname,libfoo.so deps/libbaz.so '-Wl,-rpath,$ORIGIN/deps'
cp deps/libbaz.so libbaz.so
exe prog main.o libfoo.so -Wl,-rpath-link,deps
run prog
exe prog2 -no-pie main.o libfoo.so -Wl,-z,now
run prog2
try exe prog3 main.o libfoo.so -Wl,--as-needed -Wl,--gc-sections
run prog3

# .symver foo@@VERS_2.0 / foo@VERS_1.0 with no version script in -shared links: GNU ld
# refuses them (version node not found) unlike in executables; outcomes compared.
cat >v.c <<'EOF'
int foo_2(void) { return 2; }
int bar_3(void) { return 3; }
__asm__(".symver foo_2, foo@@VERS_2.0");
__asm__(".symver bar_3, bar@@VERS_3.0");
EOF
cat >w.c <<'EOF'
int foo_1(void) { return 1; }
__asm__(".symver foo_1, foo@VERS_1.0");
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(void); int bar(void);
int main(void) { printf("foo=%d bar=%d\n", foo(), bar()); return 0; }
EOF
cc v.o -fPIC v.c
cc w.o -fPIC w.c
cc main.o main.c
try so libv.so v.o -Wl,-soname,libv.so
try so libw.so w.o -Wl,-soname,libw.so
try exe prog main.o v.o
run prog

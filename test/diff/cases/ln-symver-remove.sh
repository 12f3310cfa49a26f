# .symver with the "remove" flag and two non-default versions plus a default: only the
# versioned names are exported; old binaries' versioned reference binds to foo@V1.
cat >v.c <<'EOF'
int foo_v1(void) { return 1; }
int foo_v2(void) { return 2; }
int foo_v3(void) { return 3; }
__asm__(".symver foo_v1, foo@V1, remove");
__asm__(".symver foo_v2, foo@V2");
__asm__(".symver foo_v3, foo@@V3");
EOF
cat >v.map <<'EOF'
V1 { global: foo; };
V2 { global: foo; } V1;
V3 { global: foo; local: *; } V2;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int f1(void); int f2(void); int foo(void);
__asm__(".symver f1, foo@V1");
__asm__(".symver f2, foo@V2");
int main(void) { printf("%d %d %d\n", f1(), f2(), foo()); return 0; }
EOF
cc v.o -fPIC v.c
cc main.o main.c
so libv.so v.o -Wl,--version-script=v.map -Wl,-soname,libv.so
exe prog main.o libv.so
run prog

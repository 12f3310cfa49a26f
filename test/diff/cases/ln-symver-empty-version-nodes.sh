# Versions defined by a script with no global symbols (V1 { };, V2 { local: *; };) get
# their .symver-assigned symbols (V2's local: * hides a@@V2 and plain); a program binds
# to a@V1 with a .symver reference.
cat >v.c <<'EOF'
int a_v1(void) { return 1; }
int a_v2(void) { return 2; }
int plain(void) { return 3; }
__asm__(".symver a_v1, a@V1");
__asm__(".symver a_v2, a@@V2");
EOF
cat >v.map <<'EOF'
V1 { };
V2 { local: *; };
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int a1(void);
__asm__(".symver a1, a@V1");
int main(void) { printf("a@V1=%d\n", a1()); return 0; }
EOF
cc v.o -fPIC v.c
cc main.o main.c
try so libv.so v.o -Wl,--version-script=v.map -Wl,-soname,libv.so
try exe prog main.o libv.so
run prog

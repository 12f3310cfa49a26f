# A version script made only of empty nodes (V1 { }; V2 { } V1;) with no .symver: all
# symbols stay global and unversioned, and V1/V2 are still defined.
cat >v.c <<'EOF'
int f(void) { return 4; }
int g = 5;
EOF
cat >v.map <<'EOF'
V1 { };
V2 { } V1;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int f(void); extern int g;
int main(void) { printf("f=%d g=%d\n", f(), g); return 0; }
EOF
cc v.o -fPIC v.c
cc main.o main.c
try so libv.so v.o -Wl,--version-script=v.map -Wl,-soname,libv.so
try exe prog main.o libv.so
run prog

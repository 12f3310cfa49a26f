# A hidden symbol given a version with .symver (hidden foo_impl -> foo@@V1, hidden
# old -> foo@V0): whether it is exported, and with which version, is compared.
cat >v.c <<'EOF'
__attribute__((visibility("hidden"))) int foo_impl(void) { return 1; }
__attribute__((visibility("hidden"))) int foo_old(void) { return 0; }
int visible(void) { return foo_impl() + 10; }
__asm__(".symver foo_impl, foo@@V1");
__asm__(".symver foo_old, foo@V0");
EOF
cat >v.map <<'EOF'
V0 { };
V1 { global: visible; local: *; } V0;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int visible(void);
int main(void) { printf("visible=%d\n", visible()); return 0; }
EOF
cc v.o -fPIC v.c
cc main.o main.c
try so libv.so v.o -Wl,--version-script=v.map -Wl,-soname,libv.so
try exe prog main.o libv.so
run prog

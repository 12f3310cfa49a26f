# A .symver of an undefined symbol naming a version no library defines: GNU ld's
# outcome for the executable and for -shared (allowing undefined) is compared.
cat >v.c <<'EOF'
int foo(void) { return 1; }
EOF
cat >v.map <<'EOF'
V1 { global: foo; local: *; };
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int old_foo(void);
__asm__(".symver old_foo, foo@V9");
int main(void) { printf("old=%d\n", old_foo()); return 0; }
EOF
cat >user.c <<'EOF'
int old_foo(void);
__asm__(".symver old_foo, foo@V9");
int user(void) { return old_foo(); }
EOF
cc v.o -fPIC v.c
cc main.o main.c
cc user.o -fPIC user.c
so libv.so v.o -Wl,--version-script=v.map -Wl,-soname,libv.so
try exe prog main.o libv.so
try so libuser.so user.o libv.so
try so libuser2.so user.o

# .symver foo@@@V2 (three @): defined, it is the default version; a @@@ reference to an
# undefined symbol becomes a plain foo@V1 reference. Exported versions compared.
cat >v.c <<'EOF'
int foo_v1(void) { return 1; }
int foo_v2(void) { return 2; }
int bar(void) { return 3; }
__asm__(".symver foo_v1, foo@V1");
__asm__(".symver foo_v2, foo@@@V2");
__asm__(".symver bar, bar@@@V2");
EOF
cat >v.map <<'EOF'
V1 { global: foo; };
V2 { global: foo; bar; local: *; } V1;
EOF
cat >user.c <<'EOF'
int ref_foo(void);
__asm__(".symver ref_foo, foo@@@V1");
int user(void) { return ref_foo() * 10; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int foo(void); int bar(void); int user(void);
int main(void) { printf("foo=%d bar=%d user=%d\n", foo(), bar(), user()); return 0; }
EOF
cc v.o -fPIC v.c
cc user.o -fPIC user.c
cc main.o main.c
so libv.so v.o -Wl,--version-script=v.map -Wl,-soname,libv.so
so libuser.so user.o libv.so -Wl,-soname,libuser.so
exe prog main.o libv.so libuser.so
run prog

# A .symver whose target is undefined makes a versioned reference (old_foo -> foo@V1):
# it binds to the library's non-default foo@V1, not foo@@V2 (exe and -shared).
cat >v.c <<'EOF'
int foo_v1(void) { return 1; }
int foo_v2(void) { return 2; }
__asm__(".symver foo_v1, foo@V1");
__asm__(".symver foo_v2, foo@@V2");
EOF
cat >v.map <<'EOF'
V1 { global: foo; };
V2 { global: foo; local: *; } V1;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int old_foo(void);
int foo(void);
__asm__(".symver old_foo, foo@V1");
int main(void) { printf("old=%d new=%d\n", old_foo(), foo()); return 0; }
EOF
cat >user.c <<'EOF'
int old_foo(void);
__asm__(".symver old_foo, foo@V1");
int user(void) { return old_foo() * 10; }
EOF
cat >main2.c <<'EOF'
#include <stdio.h>
int user(void);
int main(void) { printf("user=%d\n", user()); return 0; }
EOF
cc v.o -fPIC v.c
cc main.o main.c
cc user.o -fPIC user.c
cc main2.o main2.c
so libv.so v.o -Wl,--version-script=v.map -Wl,-soname,libv.so
exe prog main.o libv.so
run prog
so libuser.so user.o libv.so -Wl,-soname,libuser.so
exe prog2 main2.o libuser.so libv.so
run prog2

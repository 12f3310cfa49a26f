# `.symver foo,foo@FOO` in an object that defines foo leaves foo and foo@FOO at one
# address; GNU ld keeps foo@FOO and drops foo, so plain foo is not exported and the
# library's own call to foo stays in the library: "MAIN DSO" whatever the order
# (GNU ld's indirect3 and pr18720 tests). In a shared object with a version script
# defining FOO, only foo@FOO is exported.
cat >a.c <<'EOF2'
void foo(void), bar(void);
int main(void) { foo(); bar(); return 0; }
EOF2
cat >b.c <<'EOF2'
#include <stdio.h>
void foo(void) { printf("MAIN\n"); }
__asm__(".symver foo,foo@FOO");
EOF2
cat >c.c <<'EOF2'
#include <stdio.h>
void foo(void) { printf("DSO\n"); }
void bar(void) { foo(); }
EOF2
cat >v.map <<'EOF2'
FOO { global: *; };
EOF2
cc a.o a.c
cc b.o b.c
cc bp.o -fPIC b.c
cc c.o -fPIC c.c
so libc3.so c.o -Wl,-soname,libc3.so
exe prog1 -Wl,--no-as-needed a.o b.o libc3.so
run prog1
exe prog2 -Wl,--no-as-needed a.o libc3.so b.o
run prog2
exe prog3 -Wl,--no-as-needed libc3.so b.o a.o
run prog3
so libb.so bp.o -Wl,--version-script=v.map

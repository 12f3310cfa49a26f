# --as-needed: a library read when the program's reference to foo was still undefined
# is needed, although an object after it defines foo too (GNU ld decides when it reads
# the library; GNU ld's "Run normal with libfoo.so" compressed-debug tests). The
# object's foo wins and is exported, so the library's constructor calls it: TEST1
# twice. With the object first, the library is not needed and does not run.
cat >lib.c <<'EOF2'
#include <stdio.h>
void foo(void) { printf("TEST2\n"); }
static void (*const init_array[])(void) __attribute__((used, section(".init_array"), aligned(sizeof(void *)))) = {foo};
EOF2
cat >begin.c <<'EOF2'
extern void foo(void);
static void (*const init_array[])(void) __attribute__((used, section(".init_array"), aligned(sizeof(void *)))) = {foo};
EOF2
cat >end.c <<'EOF2'
#include <stdio.h>
void foo(void) { printf("TEST1\n"); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int main(void) { printf("MAIN\n"); return 0; }
EOF2
cc lib.o -fPIC lib.c
cc begin.o begin.c
cc end.o end.c
cc main.o main.c
so libfoo.so lib.o -Wl,-soname,libfoo.so
exe prog begin.o -Wl,--as-needed libfoo.so end.o main.o
run prog
exe prog2 end.o -Wl,--as-needed libfoo.so begin.o main.o
run prog2

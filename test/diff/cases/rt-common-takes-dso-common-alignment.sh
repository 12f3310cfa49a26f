# A program's small common meets a library's larger, vector-aligned common (GNU ld's
# pr13250): the merged common must keep the library's size and its alignment, since
# the library's code (-O2) stores to it with aligned vector instructions; with the
# program's 4-byte alignment it crashed. (With the library first on the command line
# GNU ld copies the library's common instead (the same storage and values) where rivet
# defines its own: not compared here.)
cat >lib1.c <<'EOF2'
int common1[8];
void foo(void) { for (unsigned i = 0; i < sizeof common1 / sizeof common1[0]; i++) common1[i] = -1; }
EOF2
cat >lib2.c <<'EOF2'
extern int common1[8];
void foo(void);
int bar(void) { foo(); return common1[4]; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int common1[1];
char common2[2];
int bar(void);
int main(void) { printf("bar=%d common1=%d common2=%d\n", bar(), common1[0], common2[1]); return 0; }
EOF2
cc lib1.o -O2 -fPIC -fcommon lib1.c
cc lib2.o -O2 -fPIC -fcommon lib2.c
cc main.o -O2 -fcommon main.c
so libc1.so lib1.o -Wl,-soname,libc1.so
so libc2.so lib2.o -Wl,-soname,libc2.so -Wl,--no-as-needed libc1.so
exe prog -Wl,--as-needed main.o libc1.so libc2.so
run prog

# A copied variable shares its address in the library with the library's protected
# __start_ symbol (its section's bracket): the copy must not take the protected name
# along (glibc warns "copy relocation against non-copyable protected symbol"), as in
# GNU ld's PR 14323 test. (That test also gives the symbol .type object, which GNU ld
# keeps and rivet does not: left out here.) The weak alias and the strong name share
# the copy.
cat >lib.c <<'EOF2'
int foo __attribute__((section("_data_foo"))) = 0;
extern int foo_alias __attribute__((weak, alias("foo")));
extern char __start__data_foo;
char *bar(void) { foo = -1; return &__start__data_foo; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int foo_alias;
char *bar(void);
int main(void) { printf("%d\n", foo_alias); bar(); printf("%d\n", foo_alias); return 0; }
EOF2
cc lib.o -fPIC lib.c
cc main.o -fno-pic main.c
so libpf.so lib.o -Wl,-soname,libpf.so
exe prog -no-pie main.o libpf.so
run prog

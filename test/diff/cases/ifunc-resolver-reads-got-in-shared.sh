# A shared object's IFUNC whose resolver reads a preemptible variable through the GOT,
# and whose address is stored in data (R_X86_64_64 against the IFUNC): the loader runs
# the resolver while applying that relocation, so every GLOB_DAT it may read must come
# before it in .rela.dyn (GNU ld puts relocations against IFUNC symbols last: PR 18841).
cat >lib.c <<'EOF2'
int selector = 42;
static int impl_a(void) { return 1; }
static int impl_b(void) { return 2; }
static void *zoo_resolver(void) { return selector == 42 ? (void *)impl_a : (void *)impl_b; }
int zoo(void) __attribute__((ifunc("zoo_resolver")));
int (*const zoo_ptr)(void) = zoo; /* .data.rel.ro: before .got in the file */
int call_zoo(void) { return zoo() * 10 + zoo_ptr(); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int call_zoo(void);
int main(void) { printf("%d\n", call_zoo()); return 0; }
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -O1 main.c
so libzoo.so lib.o
exe prog main.o -L. -lzoo
run prog
exe prog-now main.o -L. -lzoo -Wl,-z,now
run prog-now

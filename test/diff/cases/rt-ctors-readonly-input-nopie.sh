# -fno-pic objects put const function-pointer arrays in .ctors/.dtors as read-only ("a")
# sections, while other objects' .init_array/.fini_array are writable: GNU ld still merges
# them all into one .init_array/.fini_array, so every entry runs, in GNU ld's order.
cat >a.c <<'EOF2'
#include <stdio.h>
static void ro_init(void) { puts("const .ctors entry"); }
static void ro_fini(void) { puts("const .dtors entry"); }
__attribute__((used, aligned(8), section(".ctors"))) static void (*const pi)(void) = ro_init;
__attribute__((used, aligned(8), section(".dtors"))) static void (*const pf)(void) = ro_fini;
EOF2
cat >b.c <<'EOF2'
#include <stdio.h>
__attribute__((constructor)) static void c(void) { puts("constructor"); }
__attribute__((destructor)) static void d(void) { puts("destructor"); }
int main(void) { puts("main"); return 0; }
EOF2
cc a.o -fno-pic -O1 a.c
cc b.o -fno-pic -O1 b.c
exe prog -no-pie a.o b.o
run prog
exe prog_ba -no-pie b.o a.o
run prog_ba

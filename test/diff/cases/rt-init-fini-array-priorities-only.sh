# Only .init_array/.fini_array (no .ctors/.dtors): constructor(N)/destructor(N) and
# explicit .init_array.N/.fini_array.N sections in three objects, linked in two orders, PIE
# and non-PIE: the sorted run order (priority, then input order) must match GNU ld's.
cat >a.c <<'EOF2'
#include <stdio.h>
__attribute__((constructor(300))) static void a300(void) { puts("a ctor 300"); }
__attribute__((constructor)) static void adef(void) { puts("a ctor"); }
__attribute__((destructor(300))) static void ad300(void) { puts("a dtor 300"); }
__attribute__((destructor)) static void addef(void) { puts("a dtor"); }
EOF2
cat >b.c <<'EOF2'
#include <stdio.h>
static void i300(void) { puts("b .init_array.00300"); }
static void f300(void) { puts("b .fini_array.00300"); }
__attribute__((used, aligned(8), section(".init_array.00300"))) static void (*const pi[])(void) = {i300};
__attribute__((used, aligned(8), section(".fini_array.00300"))) static void (*const pf[])(void) = {f300};
__attribute__((constructor(65535))) static void b65535(void) { puts("b ctor 65535"); }
__attribute__((constructor)) static void bdef(void) { puts("b ctor"); }
EOF2
cat >c.c <<'EOF2'
#include <stdio.h>
__attribute__((constructor(101))) static void c101(void) { puts("c ctor 101"); }
__attribute__((destructor(2000))) static void cd2000(void) { puts("c dtor 2000"); }
int main(void) { puts("main"); return 0; }
EOF2
for f in a b c; do cc $f.o -fPIE -O1 $f.c; cc ${f}np.o -fno-pic -O1 $f.c; done
exe prog_abc a.o b.o c.o
run prog_abc
exe prog_cba c.o b.o a.o
run prog_cba
exe prog_np -no-pie bnp.o anp.o cnp.o
run prog_np

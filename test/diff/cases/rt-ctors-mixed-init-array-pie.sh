# Old-style .ctors/.dtors function-pointer arrays mixed with constructor/destructor
# attributes (.init_array/.fini_array) across two objects of a PIE: GNU ld places .ctors
# in .init_array and .dtors in .fini_array; the printed run order must be the same.
cat >a.c <<'EOF2'
#include <stdio.h>
static void a_c1(void) { puts("a .ctors[0]"); }
static void a_c2(void) { puts("a .ctors[1]"); }
static void a_d1(void) { puts("a .dtors[0]"); }
static void a_d2(void) { puts("a .dtors[1]"); }
__attribute__((used, aligned(8), section(".ctors"))) static void (*const a_ctors[])(void) = {a_c1, a_c2};
__attribute__((used, aligned(8), section(".dtors"))) static void (*const a_dtors[])(void) = {a_d1, a_d2};
__attribute__((constructor)) static void a_init(void) { puts("a constructor"); }
__attribute__((destructor)) static void a_fini(void) { puts("a destructor"); }
EOF2
cat >b.c <<'EOF2'
#include <stdio.h>
static void b_c1(void) { puts("b .ctors[0]"); }
static void b_d1(void) { puts("b .dtors[0]"); }
__attribute__((constructor)) static void b_init(void) { puts("b constructor"); }
__attribute__((destructor)) static void b_fini(void) { puts("b destructor"); }
__attribute__((used, aligned(8), section(".ctors"))) static void (*const b_ctors[])(void) = {b_c1};
__attribute__((used, aligned(8), section(".dtors"))) static void (*const b_dtors[])(void) = {b_d1};
int main(void) { puts("main"); return 0; }
EOF2
cc a.o -fPIE -O1 a.c
cc b.o -fPIE -O1 b.c
exe prog a.o b.o
run prog
exe prog_ba b.o a.o
run prog_ba

# clang puts prioritized constructors and destructors in .init_array.N/.fini_array.N; a
# non-PIE program mixing them with gcc objects' .ctors.N and .dtors entries must run
# them in GNU ld's order.
CC=clang
cat >a.c <<'EOF2'
#include <stdio.h>
__attribute__((constructor(150))) static void c150(void) { puts("clang constructor(150)"); }
__attribute__((constructor(900))) static void c900(void) { puts("clang constructor(900)"); }
__attribute__((constructor)) static void cdef(void) { puts("clang constructor"); }
__attribute__((destructor(150))) static void d150(void) { puts("clang destructor(150)"); }
__attribute__((destructor)) static void ddef(void) { puts("clang destructor"); }
int main(void) { puts("main"); return 0; }
EOF2
cat >b.c <<'EOF2'
#include <stdio.h>
static void c600(void) { puts("gcc .ctors.64935 (600)"); }
static void dplain(void) { puts("gcc .dtors"); }
__attribute__((used, aligned(8), section(".ctors.64935"))) static void (*const p600[])(void) = {c600};
__attribute__((used, aligned(8), section(".dtors"))) static void (*const pd[])(void) = {dplain};
EOF2
cc a.o -fno-pic -O1 a.c
CC=gcc
cc b.o -fno-pic -O1 b.c
exe prog -no-pie a.o b.o
run prog

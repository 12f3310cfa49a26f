# Destructors of a non-PIE program from .dtors, .dtors.N, .fini_array.N and destructor(N)
# attributes: GNU ld sorts the prioritized ones into .fini_array with .dtors; the
# printed order at exit must be the same.
cat >a.c <<'EOF2'
#include <stdio.h>
static void d301(void) { puts(".dtors.65234 (301)"); }
static void f300(void) { puts(".fini_array.00300"); }
static void dplain0(void) { puts(".dtors plain [0]"); }
static void dplain1(void) { puts(".dtors plain [1]"); }
__attribute__((used, aligned(8), section(".dtors.65234"))) static void (*const p301[])(void) = {d301};
__attribute__((used, aligned(8), section(".fini_array.00300"))) static void (*const p300[])(void) = {f300};
__attribute__((used, aligned(8), section(".dtors"))) static void (*const pplain[])(void) = {dplain0, dplain1};
__attribute__((destructor(101))) static void k101(void) { puts("destructor(101)"); }
__attribute__((destructor(500))) static void k500(void) { puts("destructor(500)"); }
__attribute__((destructor)) static void kdef(void) { puts("destructor"); }
int main(void) { puts("main"); return 0; }
EOF2
cc a.o -fno-pic -O1 a.c
exe prog -no-pie a.o
run prog

# A shared library with .ctors/.dtors arrays, a prioritized .ctors.N, and constructor/
# destructor attributes, used by a PIE with its own constructor: GNU ld moves the library's
# .ctors/.dtors into its DT_INIT_ARRAY/DT_FINI_ARRAY, and the printed order must match.
cat >lib.c <<'EOF2'
#include <stdio.h>
static void lc0(void) { puts("lib .ctors[0]"); }
static void lc1(void) { puts("lib .ctors[1]"); }
static void lcp(void) { puts("lib .ctors.65000"); }
static void ld0(void) { puts("lib .dtors[0]"); }
__attribute__((used, aligned(8), section(".ctors"))) static void (*const lctors[])(void) = {lc0, lc1};
__attribute__((used, aligned(8), section(".ctors.65000"))) static void (*const lctorsp[])(void) = {lcp};
__attribute__((used, aligned(8), section(".dtors"))) static void (*const ldtors[])(void) = {ld0};
__attribute__((constructor)) static void linit(void) { puts("lib constructor"); }
__attribute__((destructor)) static void lfini(void) { puts("lib destructor"); }
void lib_hello(void) { puts("lib_hello"); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
void lib_hello(void);
__attribute__((constructor)) static void minit(void) { puts("exe constructor"); }
__attribute__((destructor)) static void mfini(void) { puts("exe destructor"); }
int main(void) { lib_hello(); return 0; }
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libct.so lib.o
exe prog main.o -L. -lct
run prog

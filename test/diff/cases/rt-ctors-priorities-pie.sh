# Prioritized .ctors.N (priority 65535-N) and .init_array.N sections, constructor(N)
# attributes, a plain constructor and a plain .ctors entry in one PIE: GNU ld sorts the
# prioritized ones together by priority into .init_array; the run order must match.
cat >a.c <<'EOF2'
#include <stdio.h>
static void c301(void) { puts(".ctors.65234 (301)"); }
static void c700(void) { puts(".ctors.64835 (700)"); }
static void i300(void) { puts(".init_array.00300"); }
static void plain_ctors(void) { puts(".ctors plain"); }
__attribute__((used, aligned(8), section(".ctors.65234"))) static void (*const p301[])(void) = {c301};
__attribute__((used, aligned(8), section(".ctors.64835"))) static void (*const p700[])(void) = {c700};
__attribute__((used, aligned(8), section(".init_array.00300"))) static void (*const p300[])(void) = {i300};
__attribute__((used, aligned(8), section(".ctors"))) static void (*const pplain[])(void) = {plain_ctors};
__attribute__((constructor(101))) static void k101(void) { puts("constructor(101)"); }
__attribute__((constructor(500))) static void k500(void) { puts("constructor(500)"); }
__attribute__((constructor)) static void kdef(void) { puts("constructor"); }
int main(void) { puts("main"); return 0; }
EOF2
cat >b.c <<'EOF2'
#include <stdio.h>
static void c200(void) { puts("b .ctors.65335 (200)"); }
__attribute__((used, aligned(8), section(".ctors.65335"))) static void (*const p200[])(void) = {c200};
__attribute__((constructor(400))) static void k400(void) { puts("b constructor(400)"); }
EOF2
cc a.o -fPIE -O1 a.c
cc b.o -fPIE -O1 b.c
exe prog a.o b.o
run prog

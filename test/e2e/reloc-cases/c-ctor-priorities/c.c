#include <stdio.h>
__attribute__((constructor(65535))) static void c65535(void) { puts("ctor c 65535"); }
__attribute__((constructor(150))) static void c150(void) { puts("ctor c 150"); }
__attribute__((constructor)) static void cdef(void) { puts("ctor c default"); }
__attribute__((destructor)) static void dcdef(void) { puts("dtor c default"); }
__attribute__((destructor(2000))) static void dc2000(void) { puts("dtor c 2000"); }

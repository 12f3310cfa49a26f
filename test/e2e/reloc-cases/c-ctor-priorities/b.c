#include <stdio.h>
__attribute__((constructor(200))) static void b200(void) { puts("ctor b 200"); }
__attribute__((constructor(101))) static void b101(void) { puts("ctor b 101"); }
__attribute__((constructor)) static void bdef(void) { puts("ctor b default"); }
__attribute__((destructor(300))) static void db300(void) { puts("dtor b 300"); }
__attribute__((destructor(101))) static void db101(void) { puts("dtor b 101"); }

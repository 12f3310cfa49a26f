#include <stdio.h>
typedef void (*fnptr)(void);
#define AT(sec, id) static const fnptr id##_p __attribute__((section(sec), used)) = id
static void c_ctor(void) { puts("ctor c"); }
static void c_init(void) { puts("init c"); }
static void c_dtor(void) { puts("dtor c"); }
AT(".ctors", c_ctor);
AT(".init_array", c_init);
AT(".dtors", c_dtor);

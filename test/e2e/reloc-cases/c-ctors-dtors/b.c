#include <stdio.h>
typedef void (*fnptr)(void);
#define AT(sec, id) static const fnptr id##_p __attribute__((section(sec), used)) = id
static void b_ctor(void) { puts("ctor b"); }
static void b_ctor_prio(void) { puts("ctor b 65000"); }
static void b_dtor(void) { puts("dtor b"); }
AT(".ctors", b_ctor);
AT(".ctors.00535", b_ctor_prio);
AT(".dtors", b_dtor);

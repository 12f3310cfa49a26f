#include <stdio.h>
typedef void (*fnptr)(void);
#define AT(sec, id) static const fnptr id##_p __attribute__((section(sec), used)) = id
static void c_init(void) { puts("init c"); }
static void c_init500(void) { puts("init c 500"); }
static void c_fini(void) { puts("fini c"); }
AT(".init_array", c_init);
AT(".init_array.00500", c_init500);
AT(".fini_array", c_fini);

#include <stdio.h>
typedef void (*fnptr)(void);
#define AT(sec, id) static const fnptr id##_p __attribute__((section(sec), used)) = id
static void b_pre(void) { puts("preinit b"); }
static void b_init(void) { puts("init b"); }
static void b_init400(void) { puts("init b 400"); }
static void b_fini(void) { puts("fini b"); }
static void b_fini400(void) { puts("fini b 400"); }
AT(".preinit_array", b_pre);
AT(".init_array", b_init);
AT(".init_array.00400", b_init400);
AT(".fini_array", b_fini);
AT(".fini_array.00400", b_fini400);

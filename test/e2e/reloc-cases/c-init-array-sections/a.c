/* Function pointers put straight into .preinit_array, .init_array,
   .init_array.NNNNN and .fini_array by three files: the loader runs them in section
   order, so the -r output must keep each file's entries in order and the numbered
   sections apart. */
#include <stdio.h>
typedef void (*fnptr)(void);
#define AT(sec, id) static const fnptr id##_p __attribute__((section(sec), used)) = id
static void a_pre(void) { puts("preinit a"); }
static void a_init1(void) { puts("init a 1"); }
static void a_init2(void) { puts("init a 2"); }
static void a_init500(void) { puts("init a 500"); }
static void a_fini(void) { puts("fini a"); }
AT(".preinit_array", a_pre);
static const fnptr a_inits[] __attribute__((section(".init_array"), used)) = {a_init1, a_init2};
AT(".init_array.00500", a_init500);
AT(".fini_array", a_fini);

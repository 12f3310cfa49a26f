/* Legacy .ctors/.dtors entries (and .ctors.NNNNN) in three files. GNU ld moves them
   into .init_array/.fini_array (read backwards, as crtbegin.o once ran them); the
   -r output must keep them as .ctors/.dtors sections for the final link to do so. */
#include <stdio.h>
typedef void (*fnptr)(void);
#define AT(sec, id) static const fnptr id##_p __attribute__((section(sec), used)) = id
static void a_ctor(void) { puts("ctor a"); }
static void a_ctor2(void) { puts("ctor a 2"); }
static void a_dtor(void) { puts("dtor a"); }
static const fnptr a_ctors[] __attribute__((section(".ctors"), used)) = {a_ctor, a_ctor2};
AT(".dtors", a_dtor);

/* Constructors and destructors with and without priorities in three files. The
   run order is by priority, then by link order: the .init_array.NNNNN and
   .fini_array.NNNNN sections must survive -r with their names. */
#include <stdio.h>
__attribute__((constructor(101))) static void a101(void) { puts("ctor a 101"); }
__attribute__((constructor(300))) static void a300(void) { puts("ctor a 300"); }
__attribute__((constructor)) static void adef(void) { puts("ctor a default"); }
__attribute__((destructor(101))) static void da101(void) { puts("dtor a 101"); }
__attribute__((destructor)) static void dadef(void) { puts("dtor a default"); }

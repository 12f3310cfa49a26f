/* Archive members: m1 (pulled by -u pulled_fn) needs m3; m2 is pulled only by
   --whole-archive. Each announces itself from a constructor, so the program
   prints which members the -r output took. */
#include <stdio.h>
int pulled_dep(int);
__attribute__((constructor)) static void m1_ctor(void) { puts("member m1"); }
int pulled_fn(int x) { return pulled_dep(x) + 1; }

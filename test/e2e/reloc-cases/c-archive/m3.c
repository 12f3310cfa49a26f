#include <stdio.h>
__attribute__((constructor)) static void m3_ctor(void) { puts("member m3"); }
int pulled_dep(int x) { return x * 3; }

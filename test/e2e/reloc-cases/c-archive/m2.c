#include <stdio.h>
__attribute__((constructor)) static void m2_ctor(void) { puts("member m2"); }
int other_fn(int x) { return x * 1000; }

# clang -fno-pic objects in a non-PIE program copy library data with R_X86_64_COPY;
# the copies of aligned(64) and aligned(1024) variables must keep that alignment.
CC=clang
cat >lib.c <<'EOF2'
char tag = 'x';
double d64[2] __attribute__((aligned(64))) = {1.5, 2.5};
int k1024 __attribute__((aligned(1024))) = 42;
int *lib_k(void) { return &k1024; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdint.h>
extern char tag;
extern double d64[2];
extern int k1024;
int *lib_k(void);
int main(void) {
  printf("%c %.1f %d\n", tag, d64[1], k1024);
  printf("d64 aligned %d k1024 aligned %d\n", (int)((uintptr_t)d64 % 64 == 0), (int)((uintptr_t)&k1024 % 1024 == 0));
  k1024 = 43;
  printf("lib sees %d same %d\n", *lib_k(), lib_k() == &k1024);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fno-pic -O1 main.c
so libal.so lib.o
exe prog -no-pie main.o -L. -lal
run prog

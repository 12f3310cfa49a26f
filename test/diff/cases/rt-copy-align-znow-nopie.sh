# A non-PIE program linked with -z now (and -z relro) copies an aligned(512) struct and an
# aligned(32) array from a library: both copies must keep their alignment.
cat >lib.c <<'EOF2'
struct big { int v[3]; } __attribute__((aligned(512)));
short s1 = 3;
struct big bigv = {{7, 8, 9}};
int a32[2] __attribute__((aligned(32))) = {11, 12};
struct big *lib_big(void) { return &bigv; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdint.h>
/* hidden from the compiler, which would fold a declared alignment */
static int is_aligned(const void *p, uintptr_t n) { uintptr_t v = (uintptr_t)p; __asm__("" : "+r"(v)); return v % n == 0; }
struct big { int v[3]; } __attribute__((aligned(512)));
extern short s1;
extern struct big bigv;
extern int a32[2];
struct big *lib_big(void);
int main(void) {
  printf("s1 %d\n", s1);
  printf("big aligned %d a32 aligned %d\n", (int)(is_aligned(&bigv, 512)), (int)(is_aligned(a32, 32)));
  bigv.v[1] = 80;
  printf("same %d: %d %d %d\n", lib_big() == &bigv, lib_big()->v[0], lib_big()->v[1], a32[1]);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fno-pic -O1 main.c
so libal.so lib.o
exe prog -no-pie main.o -L. -lal -Wl,-z,now -Wl,-z,relro
run prog

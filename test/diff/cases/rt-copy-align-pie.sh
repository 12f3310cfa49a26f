# gcc's PIE code reads extern data PC-relatively, so a PIE also copies library data
# (R_X86_64_COPY); each copy must keep its definition's alignment (32 and 128 here)
# and the library must read and write the copy.
cat >lib.c <<'EOF2'
char c0 = 7;
long a32[3] __attribute__((aligned(32))) = {1, 2, 3};
char c1 = 8;
long a128[2] __attribute__((aligned(128))) = {4, 5};
long *lib_a32(void) { return a32; }
long *lib_a128(void) { return a128; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdint.h>
extern char c0, c1;
extern long a32[3], a128[2];
long *lib_a32(void);
long *lib_a128(void);
int main(void) {
  printf("%d %d\n", c0, c1);
  printf("a32 aligned %d, a128 aligned %d\n", (int)((uintptr_t)a32 % 32 == 0), (int)((uintptr_t)a128 % 128 == 0));
  printf("shared %d %d\n", lib_a32() == a32, lib_a128() == a128);
  a128[1] = 55;
  printf("%ld %ld %ld\n", a32[2], lib_a128()[1], a128[0]);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libal.so lib.o
exe prog main.o -L. -lal
run prog

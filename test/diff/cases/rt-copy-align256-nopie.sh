# A non-PIE program copies an aligned(256) array out of a library (R_X86_64_COPY): the copy
# must keep the library definition's alignment, and the library must see the copy.
# A linker that allocates the copy with the symbol's size only misaligns it.
cat >lib.c <<'EOF2'
char pad_a = 1;
int arr[5] __attribute__((aligned(256))) = {10, 20, 30, 40, 50};
char pad_b = 2;
int *lib_arr(void) { return arr; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdint.h>
extern char pad_a, pad_b;
extern int arr[5];
int *lib_arr(void);
int main(void) {
  printf("pads %d %d\n", pad_a, pad_b);
  printf("aligned 256: %d\n", (int)((uintptr_t)arr % 256 == 0));
  printf("same object: %d\n", lib_arr() == arr);
  arr[2] = 33;
  printf("values %d %d %d\n", arr[0], lib_arr()[2], arr[4]);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fno-pic -O1 main.c
so libal.so lib.o
exe prog -no-pie main.o -L. -lal
run prog

# Commons the program defines (char x, y, z; -fcommon) beside a library that defines
# the same names as 8-byte .bss variables: when the library stays (--no-as-needed) the
# commons take its size and alignment; when --as-needed drops it (nothing but a weak
# reference and the commons use it), they keep their own (GNU ld's pr26580-3/-4).
cat >lib.c <<'EOF2'
long long x, y, z;
void foo(void) {}
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern void __attribute__((weak)) foo(void);
char x, y, z;
long lowest_align(void *a, void *b, void *c) {
  unsigned long bits = (long)a | (long)b | (long)c;
  return bits & -bits;
}
int main(void) {
  printf("library %sloaded\n", &foo ? "" : "not ");
  printf("alignment %ld\n", lowest_align(&x, &y, &z));
  return 0;
}
EOF2
cc lib.o -fPIC lib.c
cc main.o -fcommon main.c
so libcommon.so lib.o -Wl,-soname,libcommon.so
exe prog-as-needed main.o -Wl,--as-needed libcommon.so
run prog-as-needed
exe prog-needed main.o -Wl,--no-as-needed libcommon.so
run prog-needed

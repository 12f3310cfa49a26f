# One PIE uses both foo@VER1 and the default foo@@VER2, by call and by address (pointers in
# initialized data, R_X86_64_64 or GLOB_DAT): two distinct functions, each its own version.
cat >lib.c <<'EOF2'
int foo_v1(void) { return 1; }
int foo_v2(void) { return 2; }
__asm__(".symver foo_v1,foo@VER1");
__asm__(".symver foo_v2,foo@@VER2");
int data_v1 = 10;
int data_v2 = 20;
__asm__(".symver data_v1,data@VER1");
__asm__(".symver data_v2,data@@VER2");
int lib_data_v1(void) { return data_v1; }
int lib_data_v2(void) { return data_v2; }
EOF2
cat >lib.map <<'EOF2'
VER1 { global: foo; data; lib_data_v1; lib_data_v2; local: *; };
VER2 { global: foo; data; } VER1;
EOF2
cc lib.o -fPIC -O1 lib.c
so libv.so lib.o -Wl,--version-script=lib.map -Wl,-soname,libv.so
cat >main.c <<'EOF2'
#include <stdio.h>
__asm__(".symver foo_old,foo@VER1");
int foo_old(void);
int foo(void);
int (*volatile p_old)(void) = foo_old;
int (*volatile p_new)(void) = foo;
int main(void) {
  printf("calls %d %d, pointers %d %d, distinct %d\n", foo_old(), foo(), p_old(), p_new(), p_old != p_new);
  return 0;
}
EOF2
cc main.o -fPIE -O1 main.c
exe prog  main.o -L. -lv
run prog

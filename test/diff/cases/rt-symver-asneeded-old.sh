# Under -Wl,--as-needed a library that the program uses only through foo@VER1 and
# data@VER1 (.symver) must keep its DT_NEEDED and verneed VER1 (an unused library is
# dropped); the calls and data reach the VER1 definitions, lazily and with -z now.
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
cat >unused.c <<'EOF2'
int unused_fn(void) { return 0; }
EOF2
cc unused.o -fPIC -O1 unused.c
so libunused.so unused.o
cat >main.c <<'EOF2'
#include <stdio.h>
__asm__(".symver foo_old,foo@VER1");
__asm__(".symver data_old,data@VER1");
int foo_old(void);
extern int data_old;
int main(void) {
  printf("foo@VER1 %d data@VER1 %d\n", foo_old(), data_old);
  return 0;
}
EOF2
cc main.o -fPIE -O1 main.c
exe prog main.o -L. -Wl,--as-needed -lunused -lv -Wl,--no-as-needed
run prog
exe prognow main.o -L. -Wl,--as-needed -lunused -lv -Wl,--no-as-needed -Wl,-z,now
run prognow

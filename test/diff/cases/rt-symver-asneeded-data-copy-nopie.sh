# A non-PIE program uses a versioned library only through data@VER1 (.symver, copied) and
# the default data@@VER2, under --as-needed: the library stays needed, with verneed VER1 and
# VER2, and the two copies hold the two versions' values.
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
__asm__(".symver data_old,data@VER1");
extern int data_old;
extern int data;
int main(void) { printf("data@VER1 %d data %d\n", data_old, data); return 0; }
EOF2
cc main.o -fno-pic -O1 main.c
exe prog -no-pie main.o -L. -Wl,--as-needed -lv
run prog

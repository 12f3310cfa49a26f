# Commons in the executable against a shared object's definitions that do not win
# over a common in GNU ld: data in the library's .bss (a "dynamic common": the larger
# size is kept), a weak definition, and against one that does (initialized data).
cat >lib.c <<'EOF2'
int zb[16];
__attribute__((weak)) int wv = 3;
int dv = 4;
int lib_sum(void) { return zb[15] + wv + dv; }
void lib_set(void) { zb[15] = 100; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int zb[2];
int wv;
int dv;
int lib_sum(void);
void lib_set(void);
int main(void) {
  lib_set();
  printf("wv=%d dv=%d sum=%d size=%zu\n", wv, dv, lib_sum(), sizeof zb);
  return 0;
}
EOF2
cc lib.o -fPIC -fno-common lib.c
cc main.o -fcommon main.c
so libz.so lib.o -Wl,-soname,libz.so
exe prog main.o libz.so
run prog
exe prog2 -no-pie main.o libz.so
run prog2
exe prog3 -Wl,--no-as-needed libz.so main.o
run prog3

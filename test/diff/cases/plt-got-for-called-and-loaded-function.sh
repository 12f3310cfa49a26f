# A library function both called (PLT32) and loaded through the GOT (GOTPCREL): GNU ld
# gives it one GOT slot (GLOB_DAT) and a .plt.got stub that jumps through it, not a
# lazy .plt entry with its own JUMP_SLOT. In shared objects (gcc's crtbeginS.o does
# this with __cxa_finalize), PIEs and non-PIEs, with and without -z now.
cat >lib.c <<'EOF2'
int twice(int x) { return 2 * x; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int twice(int);
extern __attribute__((weak)) int maybe(int);
int main(void) {
  int (*volatile p)(int) = twice;
  printf("%d %d %d\n", twice(3), p(4), maybe ? maybe(1) : -1);
  return 0;
}
EOF2
cc lib.o -fPIC lib.c
cc main.o -fPIC -O1 -fno-plt main.c
cc main-plt.o -fPIC -O1 main.c
so libt.so lib.o
exe prog main.o -L. -lt
run prog
exe prog-plt main-plt.o -L. -lt
run prog-plt
exe prog-now main-plt.o -L. -lt -Wl,-z,now
run prog-now
so libuser.so main-plt.o -L. -lt

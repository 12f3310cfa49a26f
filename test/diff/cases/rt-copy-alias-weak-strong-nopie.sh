# A library defines a strong variable and a weak alias at one address; a non-PIE program
# copies both: one copy for both names, used by the library too, and each name exported
# with the library's binding (a later strong definition wins under LD_DYNAMIC_WEAK=1).
cat >lib.c <<'EOF2'
int strong_v = 5;
extern int weak_v __attribute__((weak, alias("strong_v")));
int lib_read_strong(void) { return strong_v; }
int lib_read_weak(void) { return weak_v; }
void lib_write_strong(int v) { strong_v = v; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int strong_v, weak_v;
int lib_read_strong(void);
int lib_read_weak(void);
void lib_write_strong(int);
int main(void) {
  printf("same address %d\n", &strong_v == &weak_v);
  weak_v = 6;
  printf("after exe writes weak: strong %d lib %d %d\n", strong_v, lib_read_strong(), lib_read_weak());
  lib_write_strong(7);
  printf("after lib writes: strong %d weak %d\n", strong_v, weak_v);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fno-pic -O1 main.c
cat >other.c <<'EOF2'
int weak_v = 99; /* a later strong definition: only LD_DYNAMIC_WEAK=1 may choose it */
EOF2
cc other.o -fPIC -O1 other.c
so libalias.so lib.o
so libother.so other.o
exe prog -no-pie main.o -L. -lalias -Wl,--no-as-needed -lother
run prog
# Under LD_DYNAMIC_WEAK=1 ld.so passes over weak definitions for a later strong one, so
# the binding each name gets in the program's .dynsym decides which object is used.
printf '#!/bin/sh\nLD_DYNAMIC_WEAK=1 exec ./prog "$@"\n' >prog-dynweak
chmod +x prog-dynweak
run prog-dynweak

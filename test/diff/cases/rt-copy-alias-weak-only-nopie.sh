# A non-PIE program copies only the weak alias of a library variable; the library reads
# the strong name. The strong name must resolve to the program's copy as well (GNU ld
# exports it), or the library keeps reading its own stale original.
cat >lib.c <<'EOF2'
long counter_impl = 100;
extern long counter __attribute__((weak, alias("counter_impl")));
long lib_get(void) { return counter_impl; }
void lib_bump(void) { counter_impl++; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern long counter;
long lib_get(void);
void lib_bump(void);
int main(void) {
  counter = 200;
  printf("lib sees %ld\n", lib_get());
  lib_bump();
  printf("exe sees %ld\n", counter);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fno-pic -O1 main.c
so libalias.so lib.o
exe prog -no-pie main.o -L. -lalias
run prog
# Under LD_DYNAMIC_WEAK=1 ld.so passes over weak definitions for a later strong one, so
# the binding each name gets in the program's .dynsym decides which object is used.
printf '#!/bin/sh\nLD_DYNAMIC_WEAK=1 exec ./prog "$@"\n' >prog-dynweak
chmod +x prog-dynweak
run prog-dynweak

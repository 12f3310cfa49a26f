# A non-PIE program's weak reference to a strong library variable still copies it; GNU ld
# exports the copy with the definition's (GLOBAL) binding. Under LD_DYNAMIC_WEAK=1 a WEAK
# export would be passed over and the library would read its stale original.
cat >lib.c <<'EOF2'
int level = 3;
int lib_level(void) { return level; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int level __attribute__((weak));
int lib_level(void);
int main(void) {
  if (&level) level = 30;
  printf("exe %d lib %d\n", &level ? level : -1, lib_level());
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fno-pic -O1 main.c
so liblevel.so lib.o
exe prog -no-pie main.o -L. -llevel
run prog
printf '#!/bin/sh\nLD_DYNAMIC_WEAK=1 exec ./prog "$@"\n' >prog-dynweak
chmod +x prog-dynweak
run prog-dynweak

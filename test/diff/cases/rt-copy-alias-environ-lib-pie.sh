# A PIE copies `environ` from libc while a library of ours reads `__environ` and libc
# reads its own: all three must see the program's assignment to the one object.
cat >lib.c <<'EOF2'
extern char **__environ;
const char *lib_first(void) { return __environ[0]; }
char ***lib_addr(void) { return &__environ; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
extern char **environ;
const char *lib_first(void);
char ***lib_addr(void);
static char *env1[] = {"RT_Y=yes", 0};
int main(void) {
  environ = env1;
  printf("lib sees array %d getenv %s same %d\n", lib_first() == env1[0], getenv("RT_Y"), lib_addr() == &environ);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libenv.so lib.o
exe prog main.o -L. -lenv
run prog
# Under LD_DYNAMIC_WEAK=1 ld.so passes over weak definitions for a later strong one, so
# the binding each name gets in the program's .dynsym decides which object is used.
printf '#!/bin/sh\nLD_DYNAMIC_WEAK=1 exec ./prog "$@"\n' >prog-dynweak
chmod +x prog-dynweak
run prog-dynweak

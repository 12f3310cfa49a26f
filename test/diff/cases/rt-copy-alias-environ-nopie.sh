# libc's environ and __environ are one variable under two names; a non-PIE program that
# uses both copies it once: the names share an address, and getenv (libc) sees the
# array the program stores through either name.
cat >main.c <<'EOF2'
#include <stdio.h>
#include <stdlib.h>
extern char **environ;
extern char **__environ;
static char *env1[] = {"RT_X=one", 0};
static char *env2[] = {"RT_X=two", 0};
int main(void) {
  printf("same address %d\n", &environ == &__environ);
  environ = env1;
  printf("getenv after environ= : %s\n", getenv("RT_X"));
  __environ = env2;
  printf("getenv after __environ= : %s, environ[0] %s\n", getenv("RT_X"), environ[0]);
  return 0;
}
EOF2
cc main.o -fno-pic -O1 main.c
exe prog -no-pie main.o
run prog
# Under LD_DYNAMIC_WEAK=1 ld.so passes over weak definitions for a later strong one, so
# the binding each name gets in the program's .dynsym decides which object is used.
printf '#!/bin/sh\nLD_DYNAMIC_WEAK=1 exec ./prog "$@"\n' >prog-dynweak
chmod +x prog-dynweak
run prog-dynweak

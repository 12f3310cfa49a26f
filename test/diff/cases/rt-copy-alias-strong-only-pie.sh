# A PIE (gcc: copy relocations for extern data) copies only the strong name of a variable
# whose weak alias the library uses; the alias must follow the copy, -z now.
cat >lib.c <<'EOF2'
int real_flag = 1;
extern int flag_alias __attribute__((weak, alias("real_flag")));
int lib_get_alias(void) { return flag_alias; }
int *lib_alias_addr(void) { return &flag_alias; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
extern int real_flag;
int lib_get_alias(void);
int *lib_alias_addr(void);
int main(void) {
  real_flag = 9;
  printf("alias reads %d, same address %d\n", lib_get_alias(), lib_alias_addr() == &real_flag);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libalias.so lib.o
exe prog main.o -L. -lalias -Wl,-z,now
run prog
# Under LD_DYNAMIC_WEAK=1 ld.so passes over weak definitions for a later strong one, so
# the binding each name gets in the program's .dynsym decides which object is used.
printf '#!/bin/sh\nLD_DYNAMIC_WEAK=1 exec ./prog "$@"\n' >prog-dynweak
chmod +x prog-dynweak
run prog-dynweak

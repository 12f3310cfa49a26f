# A non-PIE program copies a library struct whose members the library's own relocations
# fill (string, data and function pointers): the copy must be taken after those are applied
# and the library must keep using the copy.
cat >lib.c <<'EOF2'
static int hidden_val = 41;
static int twice(int x) { return 2 * x; }
struct ops { const char *name; int *val; int (*fn)(int); long tail[3]; };
struct ops lib_ops = {"ops-name", &hidden_val, twice, {7, 8, 9}};
int lib_call(void) { return lib_ops.fn(*lib_ops.val); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
struct ops { const char *name; int *val; int (*fn)(int); long tail[3]; };
extern struct ops lib_ops;
int lib_call(void);
int main(void) {
  printf("%s %d %d %ld\n", lib_ops.name, *lib_ops.val, lib_ops.fn(5), lib_ops.tail[2]);
  (*lib_ops.val)++;
  lib_ops.tail[2] = 90;
  printf("lib_call %d\n", lib_call());
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fno-pic -O1 main.c
so libops.so lib.o
exe prog -no-pie main.o -L. -lops
run prog

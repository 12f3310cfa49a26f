# A PIE initializes data with the address of a library's exported IFUNC (a dynamic
# relocation against f): the stored pointer must equal the library's &f and dlsym's, and
# calling through it reaches the resolved body. Lazy and -z now.
cat >lib.c <<'EOF2'
static int impl(void) { return 42; }
static void *resolve_f(void) { return (void *)impl; }
int f(void) __attribute__((ifunc("resolve_f")));
void *lib_addr_f(void) { return (void *)f; }
EOF2
cat >main.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
int f(void);
void *lib_addr_f(void);
int (*fp)(void) = f;
void *table[2] = {0, (void *)f};
int main(void) {
  printf("calls %d %d\n", fp(), ((int (*)(void))table[1])());
  printf("data==lib %d data==dlsym %d table==data %d\n", (void *)fp == lib_addr_f(), (void *)fp == dlsym(RTLD_DEFAULT, "f"), table[1] == (void *)fp);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libif.so lib.o
exe prog  main.o -L. -lif
run prog
exe prognow  main.o -L. -lif -Wl,-z,now
run prognow

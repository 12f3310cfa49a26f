# A library exports an IFUNC f; a non-PIE program takes &f (a canonical PLT entry the
# program must export): the library's &f and dlsym("f") must equal it, and calls work.
cat >lib.c <<'EOF2'
static int impl_a(void) { return 42; }
static void *resolve_f(void) { return (void *)impl_a; }
int f(void) __attribute__((ifunc("resolve_f")));
void *lib_addr_f(void) { return (void *)f; }
EOF2
cat >main.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
int f(void);
void *lib_addr_f(void);
int main(void) {
  void *mine = (void *)f, *lib = lib_addr_f(), *dl = dlsym(RTLD_DEFAULT, "f");
  printf("call %d via pointer %d\n", f(), ((int (*)(void))mine)());
  printf("exe==lib %d exe==dlsym %d\n", mine == lib, mine == dl);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
so libif.so lib.o
cc main.o -fno-pic -O1 main.c
exe prog -no-pie main.o -L. -lif
run prog

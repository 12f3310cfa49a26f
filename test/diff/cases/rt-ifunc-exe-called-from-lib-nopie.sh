# A non-PIE program defines an IFUNC g that a library calls and takes the address of: GNU ld
# exports g as a plain FUNC at its canonical PLT entry, so the library binds to it eagerly; an
# STT_GNU_IFUNC export makes ld.so refuse it. Calls and &g must agree.
cat >lib.c <<'EOF2'
int g(void);
int lib_call_g(void) { return g() + 1; }
void *lib_addr_g(void) { return (void *)g; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
static int g_impl(void) { return 7; }
static void *g_resolve(void) { return (void *)g_impl; }
int g(void) __attribute__((ifunc("g_resolve")));
int lib_call_g(void);
void *lib_addr_g(void);
int main(void) {
  void *mine = (void *)g;
  printf("lib call %d, own call %d, same address %d, via lib ptr %d\n", lib_call_g(), g(), mine == lib_addr_g(),
         ((int (*)(void))lib_addr_g())());
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fno-pic -O1 main.c
so libg.so lib.o
exe prog -no-pie main.o -L. -lg
run prog
exe prognow -no-pie main.o -L. -lg -Wl,-z,now
run prognow

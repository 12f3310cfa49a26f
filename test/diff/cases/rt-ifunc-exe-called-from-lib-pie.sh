# A PIE defines an IFUNC g that a library calls (lazily: ld.so refuses to bind a library's
# eager reference to an executable's IFUNC before the executable is relocated): the program
# must export g so that the library's call reaches the resolved body.
cat >lib.c <<'EOF2'
int g(void);
int lib_call_g(void) { return g() + 1; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
static int g_impl(void) { return 7; }
static void *g_resolve(void) { return (void *)g_impl; }
int g(void) __attribute__((ifunc("g_resolve")));
int lib_call_g(void);
int main(void) {
  void *mine = (void *)g;
  printf("lib call %d, own call %d, via pointer %d\n", lib_call_g(), g(), ((int (*)(void))mine)());
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libg.so lib.o
exe prog  main.o -L. -lg
run prog

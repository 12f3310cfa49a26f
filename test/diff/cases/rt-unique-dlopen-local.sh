# Two libraries each define the same inline-function static (STB_GNU_UNIQUE) and are
# dlopen'ed RTLD_LOCAL: only the GNU_UNIQUE binding in their .dynsym makes ld.so unify the
# object across the separate scopes; the program checks both libraries share it.
CC=g++
cat >counter.h <<'EOF2'
inline int &shared_counter() { static int n = 0; return n; }
EOF2
cat >a.cc <<'EOF2'
#include "counter.h"
extern "C" int *a_addr() { return &shared_counter(); }
EOF2
cat >b.cc <<'EOF2'
#include "counter.h"
extern "C" int *b_addr() { return &shared_counter(); }
EOF2
cat >main.cc <<'EOF2'
#include <cstdio>
#include <dlfcn.h>
int main() {
  void *ha = dlopen("libua.so", RTLD_NOW | RTLD_LOCAL), *hb = dlopen("libub.so", RTLD_NOW | RTLD_LOCAL);
  if (!ha || !hb) { std::printf("dlopen failed\n"); return 1; }
  int *pa = ((int *(*)())dlsym(ha, "a_addr"))(), *pb = ((int *(*)())dlsym(hb, "b_addr"))();
  *pa = 42;
  std::printf("same %d value via b %d\n", pa == pb, *pb);
  return 0;
}
EOF2
cc a.o -fPIC -O1 a.cc
cc b.o -fPIC -O1 b.cc
cc main.o -fPIE -O1 main.cc
so libua.so a.o
so libub.so b.o
exe prog main.o
run prog

# A C++ inline function's static local (g++ emits it STB_GNU_UNIQUE) is defined in two
# libraries and the program: the outputs must keep it GNU_UNIQUE in .dynsym so ld.so binds
# every module to one object; each module bumps it and all see the same count. PIE + non-PIE.
CC=g++
cat >counter.h <<'EOF2'
inline int &shared_counter() { static int n = 0; return n; }
EOF2
cat >a.cc <<'EOF2'
#include "counter.h"
int *a_addr() { return &shared_counter(); }
void a_bump() { shared_counter() += 1; }
EOF2
cat >b.cc <<'EOF2'
#include "counter.h"
int *b_addr() { return &shared_counter(); }
void b_bump() { shared_counter() += 10; }
EOF2
cat >main.cc <<'EOF2'
#include <cstdio>
#include "counter.h"
int *a_addr(); int *b_addr(); void a_bump(); void b_bump();
int main() {
  a_bump(); b_bump(); shared_counter() += 100;
  std::printf("same %d %d count %d\n", a_addr() == &shared_counter(), b_addr() == &shared_counter(), shared_counter());
  return 0;
}
EOF2
cc a.o -fPIC -O1 a.cc
cc b.o -fPIC -O1 b.cc
cc main.o -fPIE -O1 main.cc
cc mainnp.o -fno-pic -O1 main.cc
so liba.so a.o
so libb.so b.o
exe prog main.o -L. -la -lb
run prog
exe prognp -no-pie mainnp.o -L. -la -lb
run prognp

# A class template's static data member (STB_GNU_UNIQUE from g++) instantiated in two
# libraries and a PIE linked -z now: one object at run time, shared by all three modules.
CC=g++
cat >reg.h <<'EOF2'
template <class T> struct Registry { static int entries[4]; static void add(int v) { entries[v % 4] += v; } };
template <class T> int Registry<T>::entries[4] = {1, 1, 1, 1};
EOF2
cat >a.cc <<'EOF2'
#include "reg.h"
void a_add() { Registry<long>::add(5); }
int *a_entries() { return Registry<long>::entries; }
EOF2
cat >b.cc <<'EOF2'
#include "reg.h"
void b_add() { Registry<long>::add(6); }
int *b_entries() { return Registry<long>::entries; }
EOF2
cat >main.cc <<'EOF2'
#include <cstdio>
#include "reg.h"
void a_add(); void b_add(); int *a_entries(); int *b_entries();
int main() {
  a_add(); b_add(); Registry<long>::add(7);
  int *e = Registry<long>::entries;
  std::printf("same %d %d entries %d %d %d %d\n", a_entries() == e, b_entries() == e, e[0], e[1], e[2], e[3]);
  return 0;
}
EOF2
cc a.o -fPIC -O1 a.cc
cc b.o -fPIC -O1 b.cc
cc main.o -fPIE -O1 main.cc
so liba.so a.o
so libb.so b.o -Wl,-z,now
exe prog main.o -L. -la -lb -Wl,-z,now
run prog

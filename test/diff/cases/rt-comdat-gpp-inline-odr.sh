# Two C++ translation units define the same inline function and inline variable with
# different bodies (each in its own COMDAT group, not inlined at -O0): only the first
# object's copies are kept, so both units print the first body's results; both link orders.
CC=g++
cat >a.cc <<'EOF2'
inline int pick() { return 1; }
inline int pick_var = 10;
int from_a() { return pick() + pick_var; }
EOF2
cat >b.cc <<'EOF2'
inline int pick() { return 2; }
inline int pick_var = 20;
int from_b() { return pick() + pick_var; }
EOF2
cat >main.cc <<'EOF2'
#include <cstdio>
int from_a();
int from_b();
int main() { std::printf("a %d b %d\n", from_a(), from_b()); return 0; }
EOF2
cc a.o -std=c++17 -fPIE -O0 a.cc
cc b.o -std=c++17 -fPIE -O0 b.cc
cc main.o -fPIE -O1 main.cc
exe prog_ab main.o a.o b.o
run prog_ab
exe prog_ba main.o b.o a.o
run prog_ba

# C++ static objects with init_priority in two translation units plus unprioritized ones
# and a .ctors-section entry: the construction and (reverse) destruction order printed
# by a PIE and a non-PIE program must match GNU ld's.
CC=g++
cat >a.cc <<'EOF2'
#include <cstdio>
struct T { const char *n; T(const char *s) : n(s) { std::printf("ctor %s\n", n); } ~T() { std::printf("dtor %s\n", n); } };
T a_plain("a plain");
T a_300 __attribute__((init_priority(300))) ("a 300");
T a_1000 __attribute__((init_priority(1000))) ("a 1000");
static void old_style() { std::printf("a .ctors\n"); }
__attribute__((used, aligned(8), section(".ctors"))) static void (*const octors[])() = {old_style};
int main() { std::printf("main\n"); return 0; }
EOF2
cat >b.cc <<'EOF2'
#include <cstdio>
struct T { const char *n; T(const char *s) : n(s) { std::printf("ctor %s\n", n); } ~T() { std::printf("dtor %s\n", n); } };
T b_200 __attribute__((init_priority(200))) ("b 200");
T b_plain("b plain");
T b_500 __attribute__((init_priority(500))) ("b 500");
EOF2
cc a.o -fPIE -O1 a.cc
cc b.o -fPIE -O1 b.cc
cc anp.o -fno-pic -O1 a.cc
cc bnp.o -fno-pic -O1 b.cc
exe prog a.o b.o
run prog
exe prognp -no-pie bnp.o anp.o
run prognp

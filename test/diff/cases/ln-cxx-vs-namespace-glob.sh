# A version script with extern "C++" { ns::*; } and local: * in a g++ library: the
# namespace's functions (incl. std::string arguments) are exported at V1, others hidden.
CC=g++
cat >lib.cc <<'EOF'
#include <string>
namespace ns {
int add(int a, int b) { return a + b; }
std::size_t len(const std::string &s) { return s.size(); }
struct S { int v = 1; int get() const; };
int S::get() const { return v + 41; }
}
int other_fn(int x) { return x; }
EOF
cat >v.map <<'EOF'
V1 { global: extern "C++" { ns::*; }; local: *; };
EOF
cat >main.cc <<'EOF'
#include <cstdio>
#include <string>
namespace ns { int add(int, int); std::size_t len(const std::string &); struct S { int v = 1; int get() const; }; }
int main() { ns::S s; std::printf("%d %zu %d\n", ns::add(2, 3), ns::len("abcd"), s.get()); return 0; }
EOF
cc lib.o -fPIC -O1 lib.cc
cc main.o -O1 main.cc
so libns.so lib.o -Wl,--version-script=v.map -Wl,-soname,libns.so
exe prog main.o libns.so
run prog

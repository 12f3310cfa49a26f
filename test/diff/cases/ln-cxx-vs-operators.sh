# extern "C++" glob patterns matching operators and constructors (ns::V::V*,
# "ns::operator==*"), two version nodes; exported names and versions compared.
CC=g++
cat >lib.cc <<'EOF'
namespace ns {
struct V { int x; V(int a); V(const V &o); int operator+(const V &o) const; };
V::V(int a) : x(a) {}
V::V(const V &o) : x(o.x) {}
int V::operator+(const V &o) const { return x + o.x; }
bool operator==(const V &a, const V &b) { return a.x == b.x; }
}
EOF
cat >v.map <<'EOF'
V1 { global: extern "C++" { ns::V::V*; }; local: *; };
V2 { global: extern "C++" { "ns::operator==*"; ns::V::operator*; }; } V1;
EOF
cat >main.cc <<'EOF'
#include <cstdio>
namespace ns { struct V { int x; V(int a); V(const V &o); int operator+(const V &o) const; }; bool operator==(const V &, const V &); }
int main() { ns::V a(2), b(a); std::printf("%d %d\n", a + b, (int)(a == b)); return 0; }
EOF
cc lib.o -fPIC -O1 lib.cc
cc main.o -O1 main.cc
so libo.so lib.o -Wl,--version-script=v.map -Wl,-soname,libo.so
try exe prog main.o libo.so
run prog

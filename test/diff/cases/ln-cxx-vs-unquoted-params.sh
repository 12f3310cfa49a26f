# An unquoted extern "C++" pattern containing parameters and spaces
# (ns::f(int, char const*)) and a pattern with a wildcard inside parentheses.
CC=g++
cat >lib.cc <<'EOF'
namespace ns {
int f(int a, const char *s) { return a + (s ? 1 : 0); }
int g(long a) { return (int)a * 2; }
int h(double) { return 3; }
}
EOF
cat >v.map <<'EOF'
V1 { global: extern "C++" { ns::f(int, char const*); ns::g(*); }; local: *; };
EOF
cat >main.cc <<'EOF'
#include <cstdio>
namespace ns { int f(int, const char *); int g(long); }
int main() { std::printf("%d %d\n", ns::f(1, "x"), ns::g(5)); return 0; }
EOF
cc lib.o -fPIC -O1 lib.cc
cc main.o -O1 main.cc
try so libu.so lib.o -Wl,--version-script=v.map -Wl,-soname,libu.so
try exe prog main.o libu.so
run prog

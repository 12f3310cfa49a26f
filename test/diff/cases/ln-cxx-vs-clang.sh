# clang++: extern "C++" patterns in a version script (namespace glob, exact overload
# with a const char* argument); exported symbols and the program's output compared.
CC=clang++
cat >lib.cc <<'EOF'
namespace geo {
int area(int w, int h) { return w * h; }
int area(int s) { return s * s; }
int name_len(const char *s) { int n = 0; while (s[n]) n++; return n; }
}
EOF
cat >v.map <<'EOF'
GEO_1 { global: extern "C++" { "geo::area(int)"; geo::name*; }; local: *; };
EOF
cat >main.cc <<'EOF'
#include <cstdio>
namespace geo { int area(int); int name_len(const char *); }
int main() { std::printf("%d %d\n", geo::area(4), geo::name_len("hey")); return 0; }
EOF
cc lib.o -fPIC -O1 lib.cc
cc main.o -O1 main.cc
so libgeo.so lib.o -Wl,--version-script=v.map -Wl,-soname,libgeo.so
try exe prog main.o libgeo.so
run prog

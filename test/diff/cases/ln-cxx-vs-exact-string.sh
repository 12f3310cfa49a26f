# extern "C++" with quoted exact demangled names, one written with std::string (which
# does not match the __cxx11 demangling) and one spelled in full: exports compared.
CC=g++
cat >lib.cc <<'EOF'
#include <string>
namespace ns {
struct S { int n = 0; int add(const std::string &s); int sub(const std::string &s); };
int S::add(const std::string &s) { return n += (int)s.size(); }
int S::sub(const std::string &s) { return n -= (int)s.size(); }
}
EOF
cat >v.map <<'EOF'
V1 {
  global: extern "C++" {
    "ns::S::add(std::string const&)";
    "ns::S::sub(std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> > const&)";
  };
  local: *;
};
EOF
cat >main.cc <<'EOF'
#include <cstdio>
#include <string>
namespace ns { struct S { int n = 0; int sub(const std::string &s); }; }
int main() { ns::S s; std::printf("%d\n", s.sub("abc")); return 0; }
EOF
cc lib.o -fPIC -O1 lib.cc
cc main.o -O1 main.cc
so libs.so lib.o -Wl,--version-script=v.map -Wl,-soname,libs.so
try exe prog main.o libs.so
run prog

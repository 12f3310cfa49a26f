# extern "C++" patterns for template instantiations: "ns::Box<int>::get() const"
# exactly (quoted) and ns::Box?long?::* by glob (bfd's lexer refuses an unquoted <);
# exported symbols and versions compared.
CC=g++
cat >lib.cc <<'EOF'
namespace ns {
template <class T> struct Box { T v; T get() const; void set(T x); };
template <class T> T Box<T>::get() const { return v; }
template <class T> void Box<T>::set(T x) { v = x; }
template struct Box<int>;
template struct Box<long>;
template struct Box<char>;
}
EOF
cat >v.map <<'EOF'
V1 {
  global: extern "C++" { "ns::Box<int>::get() const"; ns::Box?long?::*; };
  local: *;
};
EOF
cat >main.cc <<'EOF'
#include <cstdio>
namespace ns { template <class T> struct Box { T v; T get() const; void set(T x); }; }
extern template struct ns::Box<long>;
int main() { ns::Box<long> b; b.set(5); std::printf("%ld\n", b.get()); return 0; }
EOF
cc lib.o -fPIC -O1 lib.cc
cc main.o -O1 main.cc
so libt.so lib.o -Wl,--version-script=v.map -Wl,-soname,libt.so
try exe prog main.o libt.so
run prog

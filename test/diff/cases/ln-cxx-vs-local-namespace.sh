# Version script: global: * but local: extern "C++" { ns::detail::*; }: the detail
# namespace is hidden, everything else exported (incl. C names) at the node's version.
CC=g++
cat >lib.cc <<'EOF'
namespace ns {
namespace detail { int helper(int x) { return x * 2; } }
int api(int x) { return detail::helper(x) + 1; }
}
extern "C" int c_api(int x) { return ns::api(x); }
EOF
cat >v.map <<'EOF'
LIB_2 {
  global: *;
  local: extern "C++" { ns::detail::*; };
};
EOF
cat >main.cc <<'EOF'
#include <cstdio>
namespace ns { int api(int); }
extern "C" int c_api(int);
int main() { std::printf("%d %d\n", ns::api(3), c_api(4)); return 0; }
EOF
cc lib.o -fPIC -O1 lib.cc
cc main.o -O1 main.cc
so libl.so lib.o -Wl,--version-script=v.map -Wl,-soname,libl.so
exe prog main.o libl.so
run prog

# A dynamic list with extern "C++" in a PIE: the listed C++ functions are exported from
# the executable and a library's call to them binds there (preemption).
CC=g++
cat >lib.cc <<'EOF'
namespace app { int hook(int x) { return x; } }
int call_hook(int x) { return app::hook(x); }
EOF
cat >d.lst <<'EOF'
{ extern "C++" { "app::hook(int)"; app::other*; }; };
EOF
cat >main.cc <<'EOF'
#include <cstdio>
namespace app { int hook(int x) { return x * 100; } int other_thing() { return 1; } int unlisted() { return 2; } }
int call_hook(int);
int main() { std::printf("%d %d\n", call_hook(3), app::other_thing() + app::unlisted()); return 0; }
EOF
cc lib.o -fPIC -O1 lib.cc
cc main.o -O1 main.cc
so libh.so lib.o -Wl,-soname,libh.so
try exe prog main.o libh.so -Wl,--dynamic-list=d.lst
run prog
try exe prog2 -no-pie main.o libh.so -Wl,--dynamic-list=d.lst
run prog2

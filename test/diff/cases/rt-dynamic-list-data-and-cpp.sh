# --dynamic-list-data: a shared object's data symbols stay preemptible while its
# functions bind locally (as with a dynamic list naming only the data); in an
# executable they are exported. --dynamic-list-cpp-new keeps operator new/delete
# preemptible; --dynamic-list-cpp-typeinfo the typeinfo objects; a dynamic list naming
# none of the library's symbols binds them all locally. --export-dynamic-symbol-list reads a list of names.
CC=g++
cat >lib.cc <<'EOF2'
#include <new>
#include <typeinfo>
#include <cstdlib>
int lib_data = 1;
int lib_func() { return 10; }
struct Base { virtual ~Base() {} };
void *operator new(std::size_t n) { return std::malloc(n ? n : 1); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
int lib_reads() { int *p = new int(5); int v = *p; delete p; return lib_data * 100 + lib_func() + v; }
const std::type_info &base_type() { return typeid(Base); }
EOF2
cat >main.cc <<'EOF2'
#include <cstdio>
int lib_data = 2;
int lib_func() { return 20; }
int exe_only_data = 7;
int lib_reads();
int main() { std::printf("lib_reads=%d\n", lib_reads()); return 0; }
EOF2
cat >other.list <<'EOF2'
{ no_such_symbol; };
EOF2
cat >names.list <<'EOF2'
{ exe_only_data; };
EOF2
cc lib.o -fPIC lib.cc
cc main.o main.cc
so libd.so lib.o -Wl,--dynamic-list-data
exe prog main.o libd.so
run prog
so libn.so lib.o -Wl,--dynamic-list-cpp-new,--dynamic-list-cpp-typeinfo
exe prog2 main.o libn.so
run prog2
so libe.so lib.o -Wl,--dynamic-list=other.list
exe prog3 main.o libe.so
run prog3
exe prog4 main.o libd.so -Wl,--dynamic-list-data
exe prog5 main.o libd.so -Wl,--export-dynamic-symbol-list=names.list

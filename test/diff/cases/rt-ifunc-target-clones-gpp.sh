# C++ target_clones makes an exported IFUNC in a library; a non-PIE and a PIE program
# call it and compare its address with the library's own: one pointer, same result.
CC=g++
cat >lib.cc <<'EOF2'
__attribute__((target_clones("avx2", "default"))) int tc(int x) { return x * 2; }
void *lib_tc() { return (void *)&tc; }
EOF2
cat >main.cc <<'EOF2'
#include <cstdio>
int tc(int);
void *lib_tc();
int main() {
  std::printf("tc %d same %d\n", tc(21), (void *)&tc == lib_tc());
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.cc
cc main.o -fno-pic -O1 main.cc
cc mainpie.o -fPIE -O1 main.cc
so libtc.so lib.o
exe prog -no-pie main.o -L. -ltc
run prog
exe progpie mainpie.o -L. -ltc -Wl,-z,now
run progpie

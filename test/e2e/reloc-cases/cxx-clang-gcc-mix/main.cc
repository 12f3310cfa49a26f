#include "mix.h"
int main() {
  int r1 = from_gcc(10);
  int r2 = from_gcc(30);
  int r3 = from_gcc(60);
  std::printf("%d %d %d totals %d %.1f %s\n", r1, r2, r3, Acc<int>::total, Acc<double>::total, c_name());
  return 0;
}

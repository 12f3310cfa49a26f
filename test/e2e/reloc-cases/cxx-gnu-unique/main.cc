#include <cstdio>
#include "uniq.h"
const char *lib_label();
int main() {
  int a = lib_a(), b = lib_b(), m = hit<int>();
  std::printf("%d %d %d count %d %d %d label %s %s\n", a, b, m, Registry<int>::count(), Registry<char>::count(),
              Registry<long>::count(), lib_label(), Registry<long>::label());
  std::printf("same %d\n", lib_label() == Registry<int>::label());
  return 0;
}

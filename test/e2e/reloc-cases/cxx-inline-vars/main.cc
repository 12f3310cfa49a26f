#include "iv.h"
const int *b_addr();
int main() {
  int a = a_use(), b = b_use();
  std::printf("a %d b %d count %d inits %d %s\n", a, b, Holder::count, iv_inits, iv_name);
  std::printf("values %d %d %d same %d\n", iv_dynamic, Holder::dynamic, iv_local(), b_addr() == &iv_dynamic);
  return 0;
}

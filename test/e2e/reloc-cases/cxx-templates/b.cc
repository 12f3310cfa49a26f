#include "tmpl.h"
int b_work() {
  Counter<int>::add(2);
  Counter<long>::add(20);
  Shape<int> sh(3);
  return twice(100) + sh.area();
}

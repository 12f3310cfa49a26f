#include "tmpl.h"
int a_work() {
  Counter<int>::add(1);
  Counter<double>::add(1.5);
  return twice(10) + (int)Fact<5>::value;
}
const Shape<int> *make_square(int s) { return new Square<int>(s); }

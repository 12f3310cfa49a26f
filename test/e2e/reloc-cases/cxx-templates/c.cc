#include "tmpl.h"
int c_work() {
  Counter<int>::add(3);
  Counter<double>::add(3.5);
  Square<int> sq(2);
  const Shape<int> &s = sq;
  return twice(1000) + s.area() + (int)Fact<6>::value;
}

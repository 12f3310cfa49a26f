#include <typeinfo>
#include "tmpl.h"
int main() {
  int r = a_work() + b_work() + c_work();
  Counter<int>::add(4);
  const Shape<int> *sq = make_square(5);
  std::printf("work %d area %d square %d\n", r, sq->area(), typeid(*sq) == typeid(Square<int>));
  std::printf("int %d/%d double %d/%.1f long %d/%ld\n", Counter<int>::count, Counter<int>::last,
              Counter<double>::count, Counter<double>::last, Counter<long>::count, Counter<long>::last);
  std::printf("twice %s\n", twice(1.25) == 2.5 ? "ok" : "bad");
  delete sq;
  return 0;
}

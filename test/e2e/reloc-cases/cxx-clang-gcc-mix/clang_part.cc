#include "mix.h"
int from_clang(int v) {
  Acc<int>::add(v);
  Acc<double>::add(v * 0.5);
  if (v > 50)
    throw MixError(v);
  return clamp_to(v, 40) + c_from_clang(v);
}

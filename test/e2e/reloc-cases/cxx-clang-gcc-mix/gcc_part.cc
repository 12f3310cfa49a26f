#include "mix.h"
int from_gcc(int v) {
  Acc<int>::add(v * 2);
  try {
    return from_clang(v) + clamp_to(v * 3, 100);
  } catch (const MixError &e) {
    std::printf("gcc caught %d from clang\n", e.twice());
    return -1;
  }
}

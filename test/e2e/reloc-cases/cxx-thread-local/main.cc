#include <pthread.h>
#include <cstdio>
#include "tl.h"
static void *work(void *arg) {
  int n = (int)(long)arg;
  int r = use_tracker(n);
  std::printf("  thread %d: %d %d %d\n", n, r, tl_plain, use_inline_tl());
  return nullptr;
}
int main() {
  for (long n = 1; n <= 3; n++) {
    std::printf("start %ld\n", n);
    pthread_t t;
    if (pthread_create(&t, nullptr, work, (void *)n) != 0)
      return 2;
    pthread_join(t, nullptr);
  }
  std::printf("main %d\n", use_tracker(2));
  return 0;
}

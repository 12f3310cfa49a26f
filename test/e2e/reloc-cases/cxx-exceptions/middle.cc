#include "exc.h"
int middle(int what) {
  Noisy n("middle");
  try {
    throw_it(what);
  } catch (const IoError &e) {
    std::printf("  middle caught %s %d\n", e.kind(), e.code);
    return 100 + e.code;
  }
  return 0;
}
int middle_rethrow(int what) {
  try {
    return middle(what);
  } catch (...) {
    std::printf("  middle_rethrow passes it on\n");
    throw;
  }
}

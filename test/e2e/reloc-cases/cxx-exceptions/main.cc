#include "exc.h"
int main() {
  for (int what = 0; what <= 5; what++) {
    std::printf("case %d\n", what);
    try {
      std::printf("  returned %d\n", middle_rethrow(what));
    } catch (int i) {
      std::printf("  caught int %d\n", i);
    } catch (const Error &e) {
      std::printf("  caught %s %d\n", e.kind(), e.code);
    } catch (const char *s) {
      std::printf("  caught string %s\n", s);
    } catch (...) {
      std::printf("  caught something else\n");
    }
  }
  return 0;
}

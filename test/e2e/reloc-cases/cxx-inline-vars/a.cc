#include "iv.h"
int make_value(const char *who) {
  std::printf("init %s\n", who);
  return ++iv_inits * 10;
}
int a_use() { return bump() + iv_local() + iv_dynamic; }

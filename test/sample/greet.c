/* The sample library: two versions of greet() (.symver), the default one calling
 * libc, so the library both defines versions and needs glibc's. */
#include <stdio.h>

__asm__(".symver greet_v1, greet@GREET_1.0");
__asm__(".symver greet_v2, greet@@GREET_2.0");

int greet_v1(const char *who) { return printf("Hello, %s (old interface).\n", who); }
int greet_v2(const char *who, const char *linker) {
  return printf("Hello from a PIE and a versioned library, both linked by %s, %s.\n", linker,
                who);
}

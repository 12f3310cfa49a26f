#include <stdio.h>
#include "entry.h"
extern const struct entry __start_mysec[], __stop_mysec[];

int main(void) {
  int n = 0;
  for (const struct entry *e = __start_mysec; e < __stop_mysec; e++, n++)
    printf("%s %ld %d\n", e->name, e->value, e->fn ? e->fn((int)e->value + 1) : 0);
  printf("%d entries, %zu bytes\n", n, (size_t)((const char *)__stop_mysec - (const char *)__start_mysec));
  return n;
}

#include <stdio.h>
int used_fn(int x);
const char *b_entry(int x);
struct keep { int v; };
extern const struct keep __start_gckeep[], __stop_gckeep[];

int main(void) {
  int s = 0;
  for (const struct keep *k = __start_gckeep; k < __stop_gckeep; k++)
    s = s * 100 + k->v;
  printf("%d %s %s keep %d\n", used_fn(5), b_entry(5), b_entry(0), s);
  return 0;
}

#include <stdio.h>
void bump_a(int), bump_b(int), bump_c(int);
int get_a(void), get_b(void), get_c(void);
int *addr_a(void), *addr_b(void), *addr_c(void);
static int counter = 7; /* main has one too */

int main(void) {
  bump_a(1);
  bump_b(2);
  bump_c(3);
  counter++;
  printf("%d %d %d %d\n", get_a(), get_b(), get_c(), counter);
  printf("distinct %d\n", addr_a() != addr_b() && addr_b() != addr_c() && addr_a() != addr_c());
  return 0;
}

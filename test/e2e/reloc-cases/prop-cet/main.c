#include <stdio.h>
int p1_fn(int);
int main(void) {
  printf("%d\n", p1_fn(3));
  return 0;
}

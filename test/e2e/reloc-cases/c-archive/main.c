#include <stdio.h>
int pulled_fn(int);
int main(void) {
  printf("pulled %d\n", pulled_fn(14));
  return 0;
}

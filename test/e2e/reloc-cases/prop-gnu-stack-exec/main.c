#include <stdio.h>
int user_fn(int);
int main(void) {
  printf("%d\n", user_fn(4));
  return 0;
}

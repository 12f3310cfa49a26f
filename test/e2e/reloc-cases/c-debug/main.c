#include <stdio.h>
int beta_fn(int n);
int alpha_len(const char *s);

int main(void) {
  printf("beta %d\n", beta_fn(4));
  printf("len %d\n", alpha_len("debug"));
  return 0;
}

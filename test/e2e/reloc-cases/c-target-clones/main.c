#include <stdio.h>
long dot(const int *a, const int *b, int n);
int count_odd(const int *a, int n);
long b_dot_self(const int *a, int n);
long (*volatile dot_ptr)(const int *, const int *, int) = dot;

int main(void) {
  int a[100], b[100];
  for (int i = 0; i < 100; i++) {
    a[i] = i * 7 - 300;
    b[i] = 50 - i;
  }
  printf("dot %ld self %ld odd %d ptr %ld\n", dot(a, b, 100), b_dot_self(a, 100), count_odd(a, 100),
         dot_ptr(b, b, 100));
  return 0;
}

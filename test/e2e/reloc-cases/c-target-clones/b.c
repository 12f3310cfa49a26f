long dot(const int *a, const int *b, int n);
__attribute__((target_clones("avx2", "default")))
int count_odd(const int *a, int n) {
  int c = 0;
  for (int i = 0; i < n; i++)
    c += a[i] & 1;
  return c;
}
long b_dot_self(const int *a, int n) { return dot(a, a, n); }

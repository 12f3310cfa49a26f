struct shape {
  int kind;
  double size;
};
double alpha_fn(const struct shape *s, int n);

static int beta_helper(int x) { return x * x + 1; }

__attribute__((noinline)) int beta_fn(int n) {
  struct shape s[3] = {{1, 1.5}, {2, 2.5}, {3, n}};
  return (int)alpha_fn(s, 3) + beta_helper(n);
}

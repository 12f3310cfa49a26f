int p2_fn(int x) { return x * 5; }

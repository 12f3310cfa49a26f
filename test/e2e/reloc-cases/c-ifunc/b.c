int f(int);
int b_call(int x) { return f(x) + f(x + 1); }
int (*b_f_ptr(void))(int) { return f; }

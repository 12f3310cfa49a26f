/* An IFUNC defined in a.c, called from b.c and main.c and taken address of in all
   three: the calls must reach the implementation the resolver picks, and every
   address of the function must compare equal (the canonical address). */
static int impl_slow(int x) { return x + 1; }
static int impl_fast(int x) { return x * 2 + 1000; }
int ifunc_selector = 1; /* read by the resolver: a relocated data reference */
static int (*resolve_f(void))(int) { return ifunc_selector ? impl_fast : impl_slow; }
int f(int) __attribute__((ifunc("resolve_f")));
int (*a_f_ptr(void))(int) { return f; }
int (*const a_f_const)(int) = f;

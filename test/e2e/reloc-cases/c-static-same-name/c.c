/* A static counter and a static helper named as in the other two files. */
static int counter = 100;
static int calls;
__attribute__((noinline)) static int helper(int x) { calls++; return x * 100; }
void bump_c(int n) { for (int i = 0; i < n; i++) counter += helper(1); }
int get_c(void) { return counter * 1000 + calls; }
int *addr_c(void) { return &counter; }

/* A static counter and a static helper named as in the other two files. */
static int counter = 1;
static int calls;
__attribute__((noinline)) static int helper(int x) { calls++; return x * 1; }
void bump_a(int n) { for (int i = 0; i < n; i++) counter += helper(1); }
int get_a(void) { return counter * 1000 + calls; }
int *addr_a(void) { return &counter; }

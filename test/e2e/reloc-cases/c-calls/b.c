extern int g_counter;
extern int g_table[];

__attribute__((noinline)) static int scale(int x) { return x * 11 + g_counter; }

int b_twice(int x) {
  g_counter++;
  return 2 * x + scale(1);
}

static int neg(int x) { return -x - g_table[5]; }

int (*b_pick(int i))(int) { return i ? neg : scale; }
const char *b_word(int i) {
  static const char *const words[] = {"zero", "one", "two"};
  return words[i % 3];
}

/* Globals, a static function with a name b.c uses too, and function pointers to
   both a local and a global function, reached from other files. */
int g_counter = 3;
int g_table[6] = {1, 2, 3, 5, 8, 13};
const char *const g_greeting = "greetings from a.c";

__attribute__((noinline)) static int scale(int x) { return x * 7; }
int b_twice(int x);

int a_apply(int (*fn)(int), int v) { return fn(v) + scale(v); }

int a_sum(void) {
  int s = 0;
  for (int i = 0; i < 6; i++)
    s += g_table[i] * (i + 1);
  return s;
}

/* A table of pointers: local (scale) and global (b_twice) targets. */
int (*const a_fns[2])(int) = {scale, b_twice};

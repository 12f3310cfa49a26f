#include <stdio.h>
extern int g_counter;
extern int g_table[];
extern const char *const g_greeting;
extern int (*const a_fns[2])(int);
int a_apply(int (*fn)(int), int v);
int a_sum(void);
int b_twice(int x);
int (*b_pick(int i))(int);
const char *b_word(int i);

int main(void) {
  printf("%s\n", g_greeting);
  printf("sum %d\n", a_sum());
  printf("apply %d\n", a_apply(b_twice, 5));
  printf("counter %d\n", g_counter);
  printf("fns %d %d\n", a_fns[0](2), a_fns[1](3));
  printf("pick %d %d\n", b_pick(0)(4), b_pick(1)(4));
  g_table[5] = 100;
  printf("pick %d\n", b_pick(1)(1));
  printf("words %s %s %s\n", b_word(0), b_word(4), b_word(8));
  printf("counter %d\n", g_counter);
  return g_counter;
}

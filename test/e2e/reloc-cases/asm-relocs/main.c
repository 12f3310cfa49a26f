#include <stdio.h>
extern const signed char pc8_field;
extern const short pc16_field;
extern const int pc32_field;
extern const long pc64_field;
extern const unsigned long size64_field;
extern const long gotoff64_field;
extern int got_target[2];
int asm_got_call(int), asm_got_tail(int), asm_got_load(void), asm_plt_calls(int);
void *asm_gotoff_addr(void), *asm_got_base(void);
unsigned asm_size32(void);
void nopie_report(void) __attribute__((weak)); /* in nopie.c, linked only -no-pie */

int c_global_fn(int x) { return x * 7; }

int main(void) {
  printf("pc8 %s\n", (const char *)&pc8_field + pc8_field);
  printf("pc16 %s\n", (const char *)&pc16_field + pc16_field);
  printf("pc32 %s\n", (const char *)&pc32_field + pc32_field);
  printf("pc64 %s\n", (const char *)&pc64_field + pc64_field);
  printf("got %d %d %d\n", asm_got_call(3), asm_got_tail(4), asm_got_load());
  printf("gotoff %d %d\n", asm_gotoff_addr() == (void *)got_target,
         (char *)asm_got_base() + gotoff64_field == (char *)got_target);
  printf("size %u %lu\n", asm_size32(), size64_field);
  printf("plt %d\n", asm_plt_calls(5));
  if (nopie_report)
    nopie_report();
  return 0;
}

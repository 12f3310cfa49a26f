#include <stdint.h>
#include <stdio.h>
extern int big_a[10], big_b[3];
extern char a_small, b_small;
int a_fn(int), b_fn(int);
uintptr_t a_page_addr(void), b_tls_addr(void);
const char *a_page_text(void);
static char main_pad = 'm';
static int big_m[5] __attribute__((aligned(4096))) = {9};

int main(void) {
  big_b[2] = 42;
  printf("values %d %d %d %c %c %c %s\n", big_a[2], big_b[2], big_m[0], a_small, b_small, main_pad, a_page_text());
  printf("mod4096 %d %d %d mod8192 %d mod1024 %d\n", (int)((uintptr_t)big_a % 4096), (int)((uintptr_t)big_b % 4096),
         (int)((uintptr_t)big_m % 4096), (int)(a_page_addr() % 8192), (int)(b_tls_addr() % 1024));
  printf("fn %d %d mod256 %d %d\n", a_fn(1), b_fn(2), (int)((uintptr_t)a_fn % 256), (int)((uintptr_t)b_fn % 256));
  return 0;
}

/* Data and functions with large alignment (4096, 8192, 256) in several files: the
   -r output's sections must keep the largest alignment of their inputs, and the
   inputs' offsets inside them must stay multiples of it. */
#include <stdint.h>
int big_a[10] __attribute__((aligned(4096))) = {1, 2, 3};
char a_small = 'a';
static char a_page[100] __attribute__((aligned(8192))) = "page of a";
__attribute__((aligned(256), noinline)) int a_fn(int x) { return x + 7; }
uintptr_t a_page_addr(void) { return (uintptr_t)a_page; }
const char *a_page_text(void) { return a_page; }

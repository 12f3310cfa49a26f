#include <stdio.h>
#include <string.h>
#include <wchar.h>
extern const char *const a_ptrs[], *const b_ptrs[];
const char *a_str(int), *b_str(int), *c_str(int);
const wchar_t *c_wide(int);
double a_const(int), b_const(int);
long double c_const(int);
extern const __int128 b_big;

int main(void) {
  unsigned sum = 0;
  for (int i = 0; i < 4; i++) {
    printf("a[%d]=%s b[%d]=%s\n", i, a_ptrs[i], i, b_ptrs[i]);
    for (const char *p = a_ptrs[i]; *p; p++) sum = sum * 31 + (unsigned char)*p;
    for (const char *p = b_ptrs[i]; *p; p++) sum = sum * 31 + (unsigned char)*p;
  }
  for (int i = 0; i < 3; i++)
    printf("%s | %s | %s\n", a_str(i), b_str(i), c_str(i & 1));
  printf("wide %ls %ls %zu\n", c_wide(0), c_wide(1), wcslen(c_wide(1)));
  printf("eq %d %d\n", strcmp(a_str(0), b_ptrs[2]) == 0, strcmp(c_str(1) + 7, a_ptrs[1]) == 0);
  printf("const %.5f %.5f %.3Lf\n", a_const(3), b_const(2), c_const(5));
  printf("big %016llx%016llx\n", (unsigned long long)(b_big >> 64), (unsigned long long)b_big);
  printf("sum %u\n", sum);
  return 0;
}

#include <stdio.h>
extern const int abs_table[4];
extern const unsigned abs_words[2];
extern const char tgt_far[];
int abs_load(int);
unsigned long abs_addr32(void);

void nopie_report(void) {
  const int *q = *(const int *const *)&abs_words[2];
  printf("abs %d %d %d %d %d\n", abs_load(3), abs_addr32() == (unsigned long)&abs_table[2],
         abs_words[0] == (unsigned)(unsigned long)&abs_table[1], abs_words[1] == (unsigned)(unsigned long)tgt_far, *q);
}

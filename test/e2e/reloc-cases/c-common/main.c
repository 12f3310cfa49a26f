#include <stdint.h>
#include <stdio.h>
extern int cbuf[16], ccount, calign[2], cinit[4];
extern char cother[3];
extern long ccount2;
void a_set(int), b_fill(void), c_set(long);

int main(void) {
  a_set(7);
  c_set(1000);
  b_fill();
  int sum = 0;
  for (int i = 0; i < 16; i++) sum += cbuf[i] * (i + 1);
  printf("cbuf %d %d %d\n", cbuf[0], cbuf[15], sum);
  printf("ccount %d ccount2 %ld cother %.3s\n", ccount, ccount2, cother);
  printf("calign %d %d aligned %d\n", calign[0], calign[1], (int)((uintptr_t)calign % 64));
  printf("cinit %d %d %d %d\n", cinit[0], cinit[1], cinit[2], cinit[3]);
  return 0;
}

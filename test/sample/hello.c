#include <stdio.h>

int main(void) {
  printf("Hello from a program linked by rivet.\n");
  return 0;
}

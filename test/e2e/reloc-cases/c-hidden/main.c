#include <stdio.h>
int hidden_val = -1;
int hidden_fn(int x) { return -x; }
int prot_fn(int x) { return -x; }
int lib_report(void);
int (*lib_hidden_ptr(void))(int);

int main(void) {
  printf("report %d\n", lib_report());
  printf("report %d\n", lib_report());
  printf("ptr %d own %d val %d\n", lib_hidden_ptr()(1), hidden_fn(1), hidden_val);
  printf("same %d\n", lib_hidden_ptr() == hidden_fn);
  return 0;
}

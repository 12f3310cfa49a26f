#include <stdio.h>
extern int wvar;
extern const char *wname;
int wfn(void), wonly(void), a_wvar(void), a_wfn(void);
int (*c_fnptr(void))(void);
int *c_varptr(void);
int c_call(void);
extern int *const c_data_ptr;
extern int main_weak_undef __attribute__((weak));

int main(void) {
  printf("wvar %d %d wfn %d %d wonly %d wname %s\n", wvar, a_wvar(), wfn(), a_wfn(), wonly(), wname);
  printf("undef fn %s var %s data %s main %s call %d\n", c_fnptr() ? "set" : "null",
         c_varptr() ? "set" : "null", c_data_ptr ? "set" : "null", &main_weak_undef ? "set" : "null",
         c_call());
  return 0;
}

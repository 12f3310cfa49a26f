extern int wundef_fn(void) __attribute__((weak));
extern int wundef_var __attribute__((weak));
extern int wundef_arr[] __attribute__((weak));
int (*c_fnptr(void))(void) { return wundef_fn; }
int *c_varptr(void) { return &wundef_var; }
int c_call(void) { return wundef_fn ? wundef_fn() : -1; }
int *const c_data_ptr = wundef_arr;

extern int lib_data[3];
extern const char *lib_names[];
extern int lib_calls;
int lib_overridable(int x);
static int local_twice(int x) { return 2 * x; }
int (*const lib_fnptr)(int) = local_twice;
int *const lib_data_ptr = &lib_data[2];
const char *lib_name(int i) { lib_calls++; return lib_names[i]; }
int lib_use_overridable(int x) { return lib_overridable(x) * 10; }

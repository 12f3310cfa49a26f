/* The object that makes libvictim.so needed: it calls a function and reads data. */
extern int lib_data;
int lib_func(int);
int entry_main(void) { return lib_func(lib_data) - 84; }

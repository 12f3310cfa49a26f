# __start_SEC/__stop_SEC are protected by default, as in GNU ld (-z start-stop-
# visibility): a shared object exports its own, dlsym finds them, and a library that
# refers to the executable's gets them exported from it (PR ld/21964). =default is
# compared too (=hidden is not: GNU ld then still lists them in .dynsym, as HIDDEN
# entries the loader ignores), and -z stack-size sets PT_GNU_STACK's size.
cat >lib.c <<'EOF2'
#include <dlfcn.h>
#include <stdio.h>
__attribute__((used, section("lib_items"))) static const int lib_entries[3] = {1, 2, 3};
extern const int __start_lib_items[], __stop_lib_items[];
extern const int __start_exe_items[] __attribute__((weak));
extern const int __stop_exe_items[] __attribute__((weak));
int lib_count(void) { return (int)(__stop_lib_items - __start_lib_items); }
int exe_count(void) { return __start_exe_items ? (int)(__stop_exe_items - __start_exe_items) : -1; }
int lib_dlsym_found(void) { return dlsym(RTLD_DEFAULT, "__start_lib_items") != NULL; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
__attribute__((used, section("exe_items"))) static const int exe_entries[2] = {7, 8};
extern const int __start_exe_items[], __stop_exe_items[];
int lib_count(void);
int exe_count(void);
int lib_dlsym_found(void);
int main(void) {
  printf("lib=%d exe=%d (seen by lib %d) dlsym=%d\n", lib_count(),
         (int)(__stop_exe_items - __start_exe_items), exe_count(), lib_dlsym_found());
  return 0;
}
EOF2
cc lib.o -fPIC lib.c
cc main.o main.c
so libss.so lib.o -Wl,-soname,libss.so -ldl
exe prog main.o libss.so
run prog
exe prog3 -no-pie main.o libss.so -Wl,-z,start-stop-visibility=default -Wl,-z,stack-size=0x100000
run prog3

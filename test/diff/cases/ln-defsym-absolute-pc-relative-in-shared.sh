# A hidden reference to a --defsym symbol with a constant value, made PC-relative
# (-fPIC/-fPIE code: lea _begin(%rip)), in a shared object and in a PIE: GNU ld and lld
# resolve it at link time, so at run time it reads the load address plus the value.
# Refusing it as "PC-relative to an absolute symbol" failed GNU ld's pr25749-1d tests.
cat >lib.c <<'EOF2'
#include <stdint.h>
extern char _begin[] __attribute__((visibility("hidden")));
intptr_t begin_address(void) { return (intptr_t)_begin; }
EOF2
cat >main.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
intptr_t begin_address(void);
extern char _pbegin[] __attribute__((visibility("hidden")));
int main(void) {
  Dl_info lib, prog;
  if (!dladdr((void *)begin_address, &lib) || !dladdr((void *)main, &prog))
    return 2;
  printf("library: %ld\n", (long)(begin_address() - (intptr_t)lib.dli_fbase));
  printf("program: %ld\n", (long)((intptr_t)_pbegin - (intptr_t)prog.dli_fbase));
  return 0;
}
EOF2
cc lib.o -fPIC -O2 lib.c
cc main.o -fPIE main.c
so libbegin.so lib.o -Wl,--defsym=_begin=0x40
exe prog -pie main.o libbegin.so -ldl -Wl,--defsym=_pbegin=0x80
run prog

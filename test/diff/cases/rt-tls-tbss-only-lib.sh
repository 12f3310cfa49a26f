# A library whose only TLS is .tbss (one variable aligned(64)), used by a PIE through calls
# (general dynamic in the library) and by direct access (initial exec in the program,
# R_X86_64_TPOFF64): zero in every thread, per-thread, aligned, and one object for both.
cat >lib.c <<'EOF2'
#include <stdint.h>
__thread int lib_slots[64];
__thread long lib_wide __attribute__((aligned(64)));
int lib_sum(void) { return lib_slots[63] + (int)lib_wide; }
int lib_aligned(void) { uintptr_t a = (uintptr_t)&lib_wide; __asm__("" : "+r"(a)); return a % 64 == 0; }
long *lib_wide_addr(void) { return &lib_wide; }
EOF2
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdio.h>
extern __thread int lib_slots[64];
extern __thread long lib_wide;
int lib_sum(void);
int lib_aligned(void);
long *lib_wide_addr(void);
static void *thr(void *p) {
  printf("%s: start %d aligned %d same %d\n", (const char *)p, lib_sum(), lib_aligned(), lib_wide_addr() == &lib_wide);
  lib_slots[63] = 3; lib_wide = 4;
  printf("%s: after %d\n", (const char *)p, lib_sum());
  return 0;
}
int main(void) {
  thr("main");
  pthread_t t;
  pthread_create(&t, 0, thr, "thread");
  pthread_join(t, 0);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libtb.so lib.o
exe prog main.o -L. -ltb
run prog
exe prognow main.o -L. -ltb -Wl,-z,now
run prognow

# A non-PIE program whose only TLS is .tbss (zero-initialized __thread, one aligned(64)):
# PT_TLS must have file size 0 and the right memory size and alignment, so every thread
# starts with zeros, keeps its own copy, and sees the alignment.
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
__thread int counters[100];
__thread long wide __attribute__((aligned(64)));
static __thread char flag;
static int check(const char *who) {
  uintptr_t a = (uintptr_t)&wide;
  __asm__("" : "+r"(a));
  int zero = counters[0] == 0 && counters[99] == 0 && wide == 0 && flag == 0;
  printf("%s: zero %d aligned %d\n", who, zero, (int)(a % 64 == 0));
  counters[99] = 5; wide = 6; flag = 1;
  return counters[99] + (int)wide + flag;
}
static void *thr(void *p) { (void)p; check("thread"); return 0; }
int main(void) {
  check("main");
  pthread_t t;
  pthread_create(&t, 0, thr, 0);
  pthread_join(t, 0);
  printf("main keeps %d %ld %d\n", counters[99], wide, flag);
  return 0;
}
EOF2
cc main.o -fno-pic -O1 main.c
exe prog -no-pie main.o
run prog

# A program's TLS segment mixes .tdata and .tbss of odd sizes and alignments 8/32/64: local
# exec offsets (variant II, below the thread pointer) depend on the segment's size and
# alignment, so values, zeroes and alignments must be right in main and a thread. PIE, non-PIE.
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
__thread char d1 = 'x';
__thread int d32[3] __attribute__((aligned(32))) = {7, 8, 9};
__thread char b1;
__thread long b64[5] __attribute__((aligned(64)));
__thread short d2 = 33;
static int al(const void *p, uintptr_t n) { uintptr_t v = (uintptr_t)p; __asm__("" : "+r"(v)); return v % n == 0; }
static void *show(void *who) {
  printf("%s: %c %d %d %d zero %d aligned %d %d\n", (const char *)who, d1, d32[2], d2, (int)b1,
         b64[0] == 0 && b64[4] == 0, al(d32, 32), al(b64, 64));
  d1 = 'y'; d32[2] = 90; b64[4] = 1; b1 = 2;
  return 0;
}
int main(void) {
  show("main");
  pthread_t t;
  pthread_create(&t, 0, show, "thread");
  pthread_join(t, 0);
  printf("main after: %c %d %ld %d\n", d1, d32[2], b64[4], (int)b1);
  return 0;
}
EOF2
cc main.o -fPIE -O1 main.c
cc mainnp.o -fno-pic -O1 main.c
exe prog main.o
run prog
exe prognp -no-pie mainnp.o
run prognp

# A library's TLS mixes .tdata and .tbss of odd sizes and alignments 16/128, reached by
# general dynamic (exported), local dynamic (static) and a program's initial-exec access;
# loaded at start-up and (a second copy) with dlopen: values, zeroes, alignment.
cat >lib.c <<'EOF2'
#include <stdint.h>
#include <stdio.h>
__thread char ld1 = 'q';
__thread int ld16[3] __attribute__((aligned(16))) = {4, 5, 6};
static __thread char lb1;
static __thread long lb128[3] __attribute__((aligned(128)));
static int al(const void *p, uintptr_t n) { uintptr_t v = (uintptr_t)p; __asm__("" : "+r"(v)); return v % n == 0; }
void lib_show(const char *who) {
  printf("%s: %c %d zero %d aligned %d %d\n", who, ld1, ld16[2], lb1 == 0 && lb128[2] == 0, al(ld16, 16), al(lb128, 128));
  ld16[2]++; lb128[2] = 1; lb1 = 1;
}
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
extern __thread int ld16[3];
void lib_show(const char *);
static void *thr(void *p) { lib_show(p); return 0; }
int main(void) {
  lib_show("main");
  pthread_t t;
  pthread_create(&t, 0, thr, "thread");
  pthread_join(t, 0);
  printf("exe ie %d\n", ld16[2]);
  void *h = dlopen("./libtd2.so", RTLD_NOW | RTLD_LOCAL);
  if (!h) { printf("dlopen failed\n"); return 1; }
  ((void (*)(const char *))dlsym(h, "lib_show"))("dlopen copy");
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libtd.so lib.o
so libtd2.so lib.o
exe prog main.o -L. -ltd
run prog

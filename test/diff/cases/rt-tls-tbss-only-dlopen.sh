# A dlopen'ed library whose only TLS is .tbss (aligned(128)): its TLS block is allocated on
# demand from the PT_TLS the linker wrote (file size 0), so it must read zero and be aligned,
# in the main thread and a new one.
cat >lib.c <<'EOF2'
#include <stdint.h>
static __thread char pad;
__thread int arr[32] __attribute__((aligned(128)));
int probe(void) {
  uintptr_t a = (uintptr_t)arr;
  __asm__("" : "+r"(a));
  int r = (arr[0] == 0 && arr[31] == 0 && pad == 0) * 10 + (a % 128 == 0);
  arr[31] = 1; pad = 1;
  return r;
}
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
static int (*probe)(void);
static void *thr(void *p) { (void)p; printf("thread probe %d\n", probe()); return 0; }
int main(void) {
  void *h = dlopen("libdl1.so", RTLD_NOW);
  if (!h) { printf("dlopen failed\n"); return 1; }
  probe = (int (*)(void))dlsym(h, "probe");
  printf("main probe %d\n", probe());
  printf("main again %d\n", probe());
  pthread_t t;
  pthread_create(&t, 0, thr, 0);
  pthread_join(t, 0);
  return 0;
}
EOF2
cc lib.o -fPIC -O1 lib.c
cc main.o -fPIE -O1 main.c
so libdl1.so lib.o
exe prog main.o
run prog

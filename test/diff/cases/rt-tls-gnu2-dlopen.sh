# A -mtls-dialect=gnu2 (TLSDESC) library loaded with dlopen, so its TLS is dynamic (not in
# the static block): the descriptors must be resolved to the dynamic path; values right.
cat >t.c <<'EOF2'
__thread int other_tls = 40;
EOF2
cat >lib.c <<'EOF2'
extern __thread int other_tls;
static __thread int own_a = 2;
static __thread int own_b[4] = {0, 0, 0, 7};
__thread int pub = 500;
int lib_read(void) { return other_tls + own_a + own_b[3] + pub; }
void lib_bump(void) { other_tls++; own_a += 10; own_b[3] += 100; pub += 1000; }
EOF2
cc t.o -fPIC -O1 t.c
cc lib.o -fPIC -mtls-dialect=gnu2 -O1 lib.c
so libt.so t.o
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
static int (*rd)(void);
static void (*bump)(void);
static void *thr(void *p) { (void)p; printf("thread %d", rd()); bump(); printf(" -> %d\n", rd()); return 0; }
int main(void) {
  void *h = dlopen("libg2.so", RTLD_NOW);
  if (!h) { printf("dlopen failed\n"); return 1; }
  rd = (int (*)(void))dlsym(h, "lib_read");
  bump = (void (*)(void))dlsym(h, "lib_bump");
  printf("main %d", rd()); bump(); printf(" -> %d\n", rd());
  pthread_t t;
  pthread_create(&t, 0, thr, 0);
  pthread_join(t, 0);
  return 0;
}
EOF2
cc main.o -fPIE -O1 main.c
so libg2.so lib.o -L. -lt
exe prog main.o
run prog

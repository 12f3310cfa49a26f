# A -mtls-dialect=gnu2 library with only static TLS (.tdata and .tbss), reached through a
# local-dynamic TLSDESC for _TLS_MODULE_BASE_ plus DTPOFF32 offsets: the descriptor must
# yield the module's block start so the offsets land on the variables. Lazy and -z now.
cat >lib.c <<'EOF2'
static __thread int own_d[4] = {1, 2, 3, 4};
static __thread int own_b[4];
int rd(int i) { return own_d[i] * 100 + own_b[i]; }
void wr(int i, int v) { own_b[i] = v; }
EOF2
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdio.h>
int rd(int);
void wr(int, int);
static void *thr(void *p) { (void)p; printf("thread %d %d\n", rd(3), rd(0)); return 0; }
int main(void) {
  wr(3, 9);
  printf("main %d %d\n", rd(3), rd(1));
  pthread_t t;
  pthread_create(&t, 0, thr, 0);
  pthread_join(t, 0);
  return 0;
}
EOF2
cc lib.o -fPIC -mtls-dialect=gnu2 -O1 lib.c
cc main.o -fPIE -O1 main.c
so libld.so lib.o
exe prog main.o -L. -lld
run prog
so libldnow.so lib.o -Wl,-z,now
exe prognow main.o -L. -lldnow -Wl,-z,now
run prognow

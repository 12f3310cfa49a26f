# A -mtls-dialect=gnu2 library reaching only global TLS (its own exported variable and
# another library's) through TLSDESC descriptors with symbols: values and per-thread copies.
# Lazy (DT_TLSDESC_PLT/GOT) and -z now.
cat >t.c <<'EOF2'
__thread int other_tls = 40;
EOF2
cat >lib.c <<'EOF2'
extern __thread int other_tls;
__thread int pub = 500;
int lib_read(void) { return other_tls + pub; }
void lib_bump(void) { other_tls++; pub += 1000; }
EOF2
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdio.h>
int lib_read(void);
void lib_bump(void);
static void *thr(void *p) { (void)p; printf("thread %d\n", lib_read()); return 0; }
int main(void) {
  lib_bump();
  printf("main %d\n", lib_read());
  pthread_t t;
  pthread_create(&t, 0, thr, 0);
  pthread_join(t, 0);
  return 0;
}
EOF2
cc t.o -fPIC -O1 t.c
cc lib.o -fPIC -mtls-dialect=gnu2 -O1 lib.c
cc main.o -fPIE -O1 main.c
so libt.so t.o
so libgd.so lib.o -L. -lt
exe prog main.o -L. -lgd -lt
run prog
so libgdnow.so lib.o -L. -lt -Wl,-z,now
exe prognow main.o -L. -lgdnow -lt -Wl,-z,now
run prognow

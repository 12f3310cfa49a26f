# A library compiled -fPIC -mcmodel=large uses general-dynamic (another library's TLS)
# and local-dynamic (its own static TLS) sequences with 64-bit GOT offsets
# (R_X86_64_TLSGD/TLSLD + GOTOFF64/PLTOFF64 to __tls_get_addr): values and per-thread copies.
cat >t.c <<'EOF2'
__thread int other_tls = 40;
EOF2
cat >lib.c <<'EOF2'
extern __thread int other_tls;
static __thread int own_a = 2;
static __thread int own_b[4] = {0, 0, 0, 7};
int lib_read(void) { return other_tls + own_a + own_b[3]; }
void lib_bump(void) { other_tls++; own_a += 10; own_b[3] += 100; }
EOF2
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdio.h>
int lib_read(void);
void lib_bump(void);
static void *thr(void *p) { (void)p; printf("thread %d", lib_read()); lib_bump(); printf(" -> %d\n", lib_read()); return 0; }
int main(void) {
  printf("main %d", lib_read()); lib_bump(); printf(" -> %d\n", lib_read());
  pthread_t t;
  pthread_create(&t, 0, thr, 0);
  pthread_join(t, 0);
  printf("main still %d\n", lib_read());
  return 0;
}
EOF2
cc t.o -fPIC -O1 t.c
cc lib.o -fPIC -mcmodel=large -O1 lib.c
cc main.o -fPIE -O1 main.c
so libt.so t.o
so liblarge.so lib.o -L. -lt
exe prog main.o -L. -llarge -lt
run prog
so liblargenow.so lib.o -L. -lt -Wl,-z,now
exe prognow main.o -L. -llargenow -lt -Wl,-z,now
run prognow

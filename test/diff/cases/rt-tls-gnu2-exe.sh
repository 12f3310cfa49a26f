# Programs compiled -mtls-dialect=gnu2: in a PIE and a non-PIE program the linker relaxes
# TLSDESC to initial exec (a library's TLS, R_X86_64_TPOFF64) and local exec (own TLS);
# values and per-thread copies must be right.
cat >lib.c <<'EOF2'
__thread long lib_tls = 1000;
long lib_get(void) { return lib_tls; }
EOF2
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdio.h>
extern __thread long lib_tls;
long lib_get(void);
__thread long mine = 5;
static __thread long local_t[3] = {0, 0, 9};
static void *thr(void *p) { (void)p; printf("thread %ld %ld %ld\n", lib_tls, mine, local_t[2]); lib_tls = 1; return 0; }
int main(void) {
  lib_tls += 1; mine += 1; local_t[2] += 1;
  pthread_t t;
  pthread_create(&t, 0, thr, 0);
  pthread_join(t, 0);
  printf("main %ld %ld %ld lib %ld\n", lib_tls, mine, local_t[2], lib_get());
  return 0;
}
EOF2
cc lib.o -fPIC -mtls-dialect=gnu2 -O1 lib.c
cc main.o -fPIC -mtls-dialect=gnu2 -O1 main.c
cc mainnp.o -fno-pic -mtls-dialect=gnu2 -O1 main.c
so libl.so lib.o
exe prog main.o -L. -ll
run prog
exe prognp -no-pie mainnp.o -L. -ll
run prognp

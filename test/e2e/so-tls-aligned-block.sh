#!/usr/bin/env bash
# A shared object's thread-local block with a 64-byte-aligned .tdata variable and a
# 4096-byte-aligned .tbss variable: PT_TLS carries the largest alignment, and in every
# thread (and for a dlopen'ed copy of the library) each variable's address is aligned
# as declared and its initial value is right.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
#include <stdint.h>
__thread char small = 'x';
__thread int aligned64 __attribute__((aligned(64))) = 64;
__thread char page[100] __attribute__((aligned(4096)));
int tls_check(void) {
  int bad = 0;
  if ((uintptr_t)&aligned64 % 64) bad |= 1;
  if ((uintptr_t)page % 4096) bad |= 2;
  if (aligned64 != 64 || small != 'x' || page[99] != 0) bad |= 4;
  return bad;
}
EOF2
cat >main.c <<'EOF2'
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
int tls_check(void);
static int (*dl_check)(void);
static void *worker(void *arg) { (void)arg; return (void *)(long)(tls_check() * 10 + dl_check()); }
int main(void) {
  void *h = dlopen("libtlsal2.so", RTLD_NOW);
  if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
  dl_check = (int (*)(void))dlsym(h, "tls_check");
  printf("main %d %d\n", tls_check(), dl_check());
  for (int i = 0; i < 3; i++) {
    pthread_t t;
    void *r;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, &r);
    printf("thread %d: %ld\n", i, (long)r);
  }
  return 0;
}
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
so_link_both libtlsal.so lib.o
so_link_both libtlsal2.so lib.o
lib=rivet/libtlsal.so
assert_eq "$(phdr_rows $lib TLS | awk '{print $7}')" 0x1000 "$lib: alignment of PT_TLS"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -ltlsal -ldl -pthread
so_run_matrix prog
so_expect_stdout prog "main 0 0
thread 0: 0
thread 1: 0
thread 2: 0"
so_elflint_compare libtlsal.so

#!/usr/bin/env bash
# __thread variables with initialisers go to .tdata, zero ones to .tbss; the linker
# lays both out as one TLS template described by PT_TLS (file part = .tdata, memory
# part = .tdata + .tbss, alignment = the largest TLS alignment). Every thread must see
# the initial values, zeroed .tbss, correctly aligned variables, and its own copies.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >vars.c <<'EOF'
__thread int t_init = 42;
__thread long t_array[3] = {7, 8, 9};
__thread double t_aligned __attribute__((aligned(64))) = 1.5;
__thread char t_zero[100];
__thread int t_zero_int;
EOF
cat >main.c <<'EOF'
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
extern __thread int t_init;
extern __thread long t_array[3];
extern __thread double t_aligned;
extern __thread char t_zero[100];
extern __thread int t_zero_int;

#define NTHREADS 4
static pthread_barrier_t barrier;

static int work(long id) {
  int bad = 0;
  if (t_init != 42) bad |= 1;
  if (t_array[0] != 7 || t_array[1] != 8 || t_array[2] != 9) bad |= 2;
  if (t_aligned != 1.5) bad |= 4;
  if ((uintptr_t)&t_aligned % 64 != 0) bad |= 8;
  for (int i = 0; i < 100; i++)
    if (t_zero[i] != 0) bad |= 16;
  if (t_zero_int != 0) bad |= 32;
  t_init += (int)id;
  t_array[1] = id * 100;
  t_aligned = (double)id;
  memset(t_zero, (int)id, sizeof t_zero);
  t_zero_int = (int)id * 3;
  pthread_barrier_wait(&barrier); /* every thread has written its copy */
  if (t_init != 42 + id || t_array[1] != id * 100 || t_aligned != (double)id) bad |= 64;
  if (t_zero[0] != id || t_zero[99] != id || t_zero_int != id * 3) bad |= 128;
  return bad;
}

static void *thread_main(void *arg) { return (void *)(intptr_t)work((long)(intptr_t)arg); }

int main(void) {
  pthread_t th[NTHREADS];
  pthread_barrier_init(&barrier, NULL, NTHREADS + 1);
  for (long i = 0; i < NTHREADS; i++) pthread_create(&th[i], NULL, thread_main, (void *)(intptr_t)(i + 1));
  int main_bad = work(100);
  printf("main thread: bad=%d\n", main_bad);
  for (int i = 0; i < NTHREADS; i++) {
    void *ret;
    pthread_join(th[i], &ret);
    printf("thread %d: bad=%d\n", i + 1, (int)(intptr_t)ret);
  }
  printf("main after join: t_init=%d t_zero_int=%d\n", t_init, t_zero_int);
  return 0;
}
EOF
compile_c -O1 -o vars.o vars.c
compile_c -O1 -pthread -o main.o main.c
link_both tls main.o vars.o -pthread

run_both_and_compare tls
expect_stdout tls "main thread: bad=0
thread 1: bad=0
thread 2: bad=0
thread 3: bad=0
thread 4: bad=0
main after join: t_init=142 t_zero_int=300"
expect_status tls 0
elflint_compare tls

n_tls=$(phdr_rows tls.rivet TLS | wc -l)
assert_eq "$n_tls" 1 "number of PT_TLS program headers"
read -r _ vaddr _ filesz memsz _ align <<<"$(phdr_rows tls.rivet TLS)"
assert_eq "$(hex_to_dec "$align")" 64 "PT_TLS alignment (t_aligned is aligned(64))"
assert_eq "$(section_field tls.rivet .tdata type)" PROGBITS "type of .tdata"
assert_eq "$(section_field tls.rivet .tbss type)" NOBITS "type of .tbss"
assert_contains "$(section_field tls.rivet .tdata flags)" T "flags of .tdata (SHF_TLS)"
assert_contains "$(section_field tls.rivet .tbss flags)" T "flags of .tbss (SHF_TLS)"
tdata_addr=$(hex_to_dec "$(section_field tls.rivet .tdata addr)")
tdata_size=$(hex_to_dec "$(section_field tls.rivet .tdata size)")
tbss_size=$(hex_to_dec "$(section_field tls.rivet .tbss size)")
assert_eq "$(hex_to_dec "$vaddr")" "$tdata_addr" "PT_TLS p_vaddr vs .tdata address"
assert_eq "$(hex_to_dec "$filesz")" "$tdata_size" "PT_TLS p_filesz vs .tdata size"
[ "$(hex_to_dec "$memsz")" -ge $((tdata_size + tbss_size)) ] ||
  fail "expected PT_TLS p_memsz >= .tdata size + .tbss size = $((tdata_size + tbss_size)), got $(hex_to_dec "$memsz")"
[ $((tdata_addr % 64)) = 0 ] || fail "expected the TLS template (.tdata at $tdata_addr) aligned to 64, it is not"

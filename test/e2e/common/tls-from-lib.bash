# shellcheck shell=bash
# The body shared by the dyn-tls-*-from-lib.sh tests: they set access_cflags and
# want_relocs, then source this.

# libtls.so defines the variables and functions that read them; access.c reaches the
# same variables from the executable with the model under test. Four threads and the
# main thread check the initial values, then their own writes from both sides.
cat >lib.c <<'EOF2'
__thread int lib_counter = 5;
__thread long lib_pair[2] = {11, 22};
__thread int lib_zeroed;
int lib_get_counter(void) { return lib_counter; }
long lib_get_pair(int i) { return lib_pair[i]; }
int lib_get_zeroed(void) { return lib_zeroed; }
void lib_add(int v) { lib_counter += v; }
int *lib_counter_addr(void) { return &lib_counter; }
EOF2
cat >access.c <<'EOF2'
extern __thread int lib_counter;
extern __thread long lib_pair[2];
extern __thread int lib_zeroed;
void bump(int id) { lib_counter += id; lib_pair[1] += id; lib_zeroed = id; }
int access_counter(void) { return lib_counter; }
long access_pair(int i) { return lib_pair[i]; }
int access_zeroed(void) { return lib_zeroed; }
int *access_counter_addr(void) { return &lib_counter; }
EOF2
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
void bump(int), lib_add(int);
int access_counter(void), access_zeroed(void), lib_get_counter(void), lib_get_zeroed(void);
long access_pair(int), lib_get_pair(int);
int *access_counter_addr(void), *lib_counter_addr(void);
#define NTHREADS 4
static pthread_barrier_t barrier;
static int *addrs[NTHREADS + 1];
static int work(int id) {
  int bad = 0;
  if (access_counter() != 5 || lib_get_counter() != 5) bad |= 1;
  if (access_pair(0) != 11 || access_pair(1) != 22) bad |= 2;
  if (access_zeroed() != 0 || lib_get_zeroed() != 0) bad |= 4;
  if (access_counter_addr() != lib_counter_addr()) bad |= 8;
  addrs[id] = access_counter_addr();
  bump(id + 1);
  lib_add(1000);
  pthread_barrier_wait(&barrier);
  if (access_counter() != 1006 + id || lib_get_counter() != 1006 + id) bad |= 16;
  if (access_pair(1) != 23 + id || lib_get_pair(1) != 23 + id) bad |= 32;
  if (access_zeroed() != id + 1 || lib_get_zeroed() != id + 1) bad |= 64;
  for (int j = 0; j <= NTHREADS; j++)
    if (j != id && addrs[j] == addrs[id]) bad |= 128;
  pthread_barrier_wait(&barrier);
  return bad;
}
static void *thread_main(void *arg) { return (void *)(intptr_t)work((int)(intptr_t)arg); }
int main(void) {
  pthread_t th[NTHREADS];
  pthread_barrier_init(&barrier, NULL, NTHREADS + 1);
  for (int i = 0; i < NTHREADS; i++) pthread_create(&th[i], NULL, thread_main, (void *)(intptr_t)(i + 1));
  printf("main: bad=%d\n", work(0));
  for (int i = 0; i < NTHREADS; i++) {
    void *ret;
    pthread_join(th[i], &ret);
    printf("thread %d: bad=%d\n", i + 1, (int)(intptr_t)ret);
  }
  return 0;
}
EOF2
build_shlib libtls.so libtls.so lib.c
export LD_LIBRARY_PATH="$PWD"
compile_c -O1 "${access_cflags[@]}" -o access.o access.c
for r in "${want_relocs[@]}"; do
  grep -q "$r" <(readelf -rW access.o) || fail "test setup: expected $r relocations in access.o (${access_cflags[*]}), found none"
done
for mode in pie nopie; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -pthread -o main-$mode.o main.c
  dlink_both tls-$mode "${MODE_LDFLAGS[@]}" main-$mode.o access.o -L. -ltls -pthread
  run_both_and_compare tls-$mode
  expect_stdout tls-$mode "main: bad=0
thread 1: bad=0
thread 2: bad=0
thread 3: bad=0
thread 4: bad=0"
  f=tls-$mode.rivet
  # The library is loaded at startup, so an executable reaches its TLS at a fixed
  # TP offset the loader writes into a GOT slot: R_X86_64_TPOFF64, one per variable.
  for v in lib_counter lib_pair lib_zeroed; do
    assert_eq "$(dyn_reloc_count $f R_X86_64_TPOFF64 $v)" 1 "$f: R_X86_64_TPOFF64 relocations against $v (dynamic TLS relocations: $(dyn_relocs $f | grep -E 'TPOFF|DTP|TLSDESC' || true))"
  done
  for t in R_X86_64_DTPMOD64 R_X86_64_DTPOFF64 R_X86_64_TLSDESC; do
    assert_eq "$(dyn_reloc_count $f $t)" 0 "$f: $t relocations in an executable (all relaxed to initial-exec)"
  done
  assert_eq "$(dynsym_field $f lib_counter type)" TLS "$f: st_type of lib_counter in .dynsym"
done
for mode in pie nopie; do elflint_compare tls-$mode; done

# shellcheck shell=bash
# The body shared by the dyn-tls-*-in-exe.sh tests: they set access_cflags (how access.c
# is compiled) and want_relocs (relocations access.o must contain), then source this.

# def.c defines the variables (compiled in each executable mode); access.c reaches them
# with the model under test. Four threads and the main thread each check the initial
# values, then their own writes, through both files and through libc's view of errno.
cat >def.c <<'EOF2'
__thread int counter = 5;
__thread long pair[2] = {11, 22};
__thread int zeroed;
int def_counter(void) { return counter; }
long def_pair(int i) { return pair[i]; }
int *def_counter_addr(void) { return &counter; }
EOF2
cat >access.c <<'EOF2'
extern __thread int counter;
extern __thread long pair[2];
extern __thread int zeroed;
static __thread int local_init = 9;
static __thread int local_zero;
void bump(int id) { counter += id; pair[1] += id; zeroed = id; local_init += id; local_zero = 2 * id; }
int access_counter(void) { return counter; }
long access_pair(int i) { return pair[i]; }
int access_zeroed(void) { return zeroed; }
int access_local(void) { return local_init * 100 + local_zero; }
int *access_counter_addr(void) { return &counter; }
EOF2
cat >main.c <<'EOF2'
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
void bump(int);
int access_counter(void), access_zeroed(void), access_local(void), def_counter(void);
long access_pair(int), def_pair(int);
int *access_counter_addr(void), *def_counter_addr(void);
#define NTHREADS 4
static pthread_barrier_t barrier;
static int *addrs[NTHREADS + 1];
static int work(int id) {
  int bad = 0;
  if (access_counter() != 5 || def_counter() != 5) bad |= 1;
  if (access_pair(0) != 11 || access_pair(1) != 22) bad |= 2;
  if (access_zeroed() != 0 || access_local() != 900) bad |= 4;
  if (access_counter_addr() != def_counter_addr()) bad |= 8;
  addrs[id] = access_counter_addr();
  errno = 100 + id;
  bump(id + 1);
  pthread_barrier_wait(&barrier);
  if (access_counter() != 6 + id || def_counter() != 6 + id) bad |= 16;
  if (access_pair(1) != 23 + id || def_pair(1) != 23 + id) bad |= 32;
  if (access_zeroed() != id + 1 || access_local() != (10 + id) * 100 + 2 * (id + 1)) bad |= 64;
  for (int j = 0; j <= NTHREADS; j++)
    if (j != id && addrs[j] == addrs[id]) bad |= 128;
  if (errno != 100 + id) bad |= 256;
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
compile_c -O1 "${access_cflags[@]}" -o access.o access.c
for r in "${want_relocs[@]}"; do
  grep -q "$r" <(readelf -rW access.o) || fail "test setup: expected $r relocations in access.o (${access_cflags[*]}), found none"
done
for mode in pie nopie; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o def-$mode.o def.c
  compile_c -O1 "${MODE_CFLAGS[@]}" -pthread -o main-$mode.o main.c
  dlink_both tls-$mode "${MODE_LDFLAGS[@]}" main-$mode.o def-$mode.o access.o -pthread
  run_both_and_compare tls-$mode
  expect_stdout tls-$mode "main: bad=0
thread 1: bad=0
thread 2: bad=0
thread 3: bad=0
thread 4: bad=0"
  f=tls-$mode.rivet
  assert_eq "$(phdr_rows $f TLS | wc -l)" 1 "$f: number of PT_TLS program headers"
  # The variables live in the executable: every access is resolved at link time.
  for t in R_X86_64_DTPMOD64 R_X86_64_DTPOFF64 R_X86_64_TPOFF64 R_X86_64_TLSDESC; do
    assert_eq "$(dyn_reloc_count $f $t)" 0 "$f: $t relocations for TLS defined in the executable (got: $(dyn_relocs $f | grep -E 'TPOFF|DTP|TLSDESC' || true))"
  done
done
for mode in pie nopie; do elflint_compare tls-$mode; done

#!/usr/bin/env bash
# General-dynamic TLS in a shared object (the -fPIC default): the library's exported
# and static thread-local variables are reached through __tls_get_addr with
# R_X86_64_DTPMOD64/DTPOFF64 relocations kept dynamic (a library cannot relax them);
# each of four threads sees its own copies, initialised from the library's .tdata, and
# the executable (in each mode) reads the library's exported TLS variable too. The library has a
# PT_TLS and no DF_STATIC_TLS.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
__thread int tls_counter = 100;
static __thread long tls_private;
__thread char tls_buf[64];
int bump(int by) { tls_private += by; tls_counter += by; tls_buf[0] = 'a' + by; return tls_counter; }
long get_private(void) { return tls_private; }
char get_buf0(void) { return tls_buf[0]; }
EOF2
cat >main.c <<'EOF2'
#include <pthread.h>
#include <stdio.h>
extern __thread int tls_counter;
int bump(int);
long get_private(void);
char get_buf0(void);
static void *worker(void *arg) {
  int id = (int)(long)arg, r = 0;
  for (int i = 0; i < 1000; i++) r = bump(id);
  static char out[4][80];
  snprintf(out[id], sizeof out[id], "thread %d counter %d exe-view %d private %ld buf %c", id, r, tls_counter, get_private(), get_buf0());
  return out[id];
}
int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 4; i++) { void *s; pthread_join(t[i], &s); printf("%s\n", (char *)s); }
  printf("main counter %d private %ld\n", tls_counter, get_private());
  return 0;
}
EOF2
so_link_both libtls.so -O1 -ftls-model=global-dynamic lib.c
lib=rivet/libtls.so
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -ltls -pthread
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode "thread 0 counter 100 exe-view 100 private 0 buf a
thread 1 counter 1100 exe-view 1100 private 1000 buf b
thread 2 counter 2100 exe-view 2100 private 2000 buf c
thread 3 counter 3100 exe-view 3100 private 3000 buf d
main counter 100 private 0"
done
assert_eq "$(dyn_reloc_count $lib R_X86_64_DTPMOD64 tls_counter)" 1 "$lib: DTPMOD64 relocations for tls_counter"
assert_eq "$(dyn_reloc_count $lib R_X86_64_DTPOFF64 tls_counter)" 1 "$lib: DTPOFF64 relocations for tls_counter"
[ "$(dyn_reloc_count $lib R_X86_64_TPOFF64)" = 0 ] || fail "$lib: expected no TPOFF64 (initial-exec) relocations in a general-dynamic library, got: $(dyn_relocs $lib | grep TPOFF64)"
assert_lacks_word "$(dynamic_flags $lib)" STATIC_TLS "DT_FLAGS of $lib (no initial-exec access)"
[ -n "$(phdr_rows $lib TLS)" ] || fail "$lib: expected a PT_TLS program header"
assert_eq "$(dynsym_field $lib tls_counter type)" TLS "$lib: .dynsym type of tls_counter"
so_elflint_compare libtls.so

#!/usr/bin/env bash
# An exported STT_GNU_IFUNC function in a shared object: .dynsym keeps type IFUNC so
# the loader runs the resolver for callers in other modules (the executable, linked by
# rivet and by ld.bfd, in each mode, calling it and taking its address), and the
# library's own calls and address-taking reach the resolved implementation too. The
# address seen by the executable and by the library is the same.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
static int impl_fast(int x) { return x * 2; }
static int impl_slow(int x) { return x * 3; }
static void *resolve_pick(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse2") ? (void *)impl_fast : (void *)impl_slow;
}
int pick(int) __attribute__((ifunc("resolve_pick")));
void *lib_pick_addr(void) { return (void *)pick; }
int lib_call_pick(int x) { return pick(x) + 1; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int pick(int);
void *lib_pick_addr(void);
int lib_call_pick(int);
int main(void) {
  int (*volatile fp)(int) = pick;
  printf("direct %d via-ptr %d lib %d same-address %d\n", pick(10), fp(10), lib_call_pick(10), (void *)fp == lib_pick_addr());
  return 0;
}
EOF2
so_link_both libifunc.so -O1 lib.c
lib=rivet/libifunc.so
assert_eq "$(dynsym_field $lib pick type)" IFUNC "$lib: .dynsym type of pick"
for mode in "${DYN_MODES[@]}"; do
  dyn_mode "$mode"
  compile_c -O1 "${MODE_CFLAGS[@]}" -o main-$mode.o main.c
  so_dlink_matrix prog-$mode "${MODE_LDFLAGS[@]}" main-$mode.o -lifunc
  so_run_matrix prog-$mode
  so_expect_stdout prog-$mode "direct 20 via-ptr 20 lib 21 same-address 1"
done
so_elflint_compare libifunc.so

#!/usr/bin/env bash
# A hidden STT_GNU_IFUNC function in a shared object is not exported; the library's
# calls and its function pointer to it go through an R_X86_64_IRELATIVE relocation
# (no symbol), so the resolver runs at load time inside the library and both reach the
# chosen implementation.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
static int impl_a(int x) { return x + 100; }
static int impl_b(int x) { return x + 200; }
static void *resolve_h(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse2") ? (void *)impl_a : (void *)impl_b;
}
__attribute__((visibility("hidden"))) int hfn(int) __attribute__((ifunc("resolve_h")));
int (*const hfn_ptr)(int) = hfn;
int lib_use_hidden(int x) { return hfn(x) * 10 + hfn_ptr(x); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_use_hidden(int);
int main(void) { printf("%d\n", lib_use_hidden(1)); return 0; }
EOF2
so_link_both libhifunc.so -O1 lib.c
lib=rivet/libhifunc.so
assert_eq "$(dynsym_count $lib hfn)" 0 "$lib: .dynsym entries for the hidden ifunc hfn"
[ "$(dyn_reloc_count $lib R_X86_64_IRELATIVE)" -ge 1 ] || fail "$lib: expected at least one R_X86_64_IRELATIVE relocation, got: $(dyn_relocs $lib | tr '\n' ';')"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lhifunc
so_run_matrix prog
so_expect_stdout prog 1111
so_elflint_compare libhifunc.so

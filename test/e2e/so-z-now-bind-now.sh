#!/usr/bin/env bash
# -z now in a shared object sets DT_FLAGS BIND_NOW and DT_FLAGS_1 NOW, so the loader
# resolves every JUMP_SLOT at load time: a library that calls a function nobody defines
# (on a path never taken) still loads lazily without -z now, but with -z now the
# program fails to start with "undefined symbol" -- as with ld.bfd's library. (The
# executables are linked with --allow-shlib-undefined to get that far.)
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int rivet_never_defined(int);
int lib_entry(int x) { if (x < 0) return rivet_never_defined(x); return x + 1; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_entry(int);
int main(void) { printf("%d\n", lib_entry(41)); return 0; }
EOF2
compile_c -O1 -fPIC -o lib.o lib.c
compile_c -O1 -o main.o main.c
so_link_both libnow.so -Wl,-soname,libx.so -Wl,-z,now lib.o
so_link_both liblazy.so -Wl,-soname,libx.so lib.o
for side in rivet bfd; do ln -sf libnow.so $side/libx.so; done

lib=rivet/libnow.so
assert_has_word "$(dynamic_flags $lib)" BIND_NOW "DT_FLAGS of $lib"
assert_has_word "$(dynamic_flags_1 $lib)" NOW "DT_FLAGS_1 of $lib"
assert_lacks_word "$(dynamic_flags rivet/liblazy.so)" BIND_NOW "DT_FLAGS of rivet/liblazy.so (no -z now)"
assert_eq "$(dyn_reloc_count $lib R_X86_64_JUMP_SLOT rivet_never_defined)" 1 "$lib: JUMP_SLOT relocations for rivet_never_defined"

so_dlink_matrix prog main.o -lx -Wl,--allow-shlib-undefined
so_run_matrix prog
status=$(cat prog.rivet-rivet.status)
[ "$status" != 0 ] || fail "prog.rivet-rivet against the -z now library: expected the loader to refuse to start it (unresolvable JUMP_SLOT), but it exited 0 printing $(cat prog.rivet-rivet.stdout)"
assert_contains "$(cat prog.rivet-rivet.stderr)" "undefined symbol: rivet_never_defined" "loader message for prog.rivet-rivet"

for side in rivet bfd; do ln -sf liblazy.so $side/libx.so; done
so_run_matrix prog
so_expect_stdout prog 42
so_elflint_compare libnow.so

#!/usr/bin/env bash
# A shared object linked against another shared object that versions its symbols
# records what it uses in .gnu.version_r: an entry for the dependency's soname with
# the versions of the symbols it references (DEP_2.0 for dep_new, DEP_1.0 for dep_old,
# the other node unused is not listed), .gnu.version marks its undefined dep_* symbols
# with those versions, and the loader checks and binds them at run time.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >dep.c <<'EOF2'
int dep_old(void) { return 1; }
int dep_new(void) { return 2; }
int dep_unused(void) { return 3; }
EOF2
cat >dep.map <<'EOF2'
DEP_1.0 { global: dep_old; local: *; };
DEP_2.0 { global: dep_new; } DEP_1.0;
DEP_3.0 { global: dep_unused; } DEP_2.0;
EOF2
cat >user.c <<'EOF2'
int dep_old(void), dep_new(void);
int user_fn(void) { return dep_old() * 10 + dep_new(); }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int user_fn(void);
int main(void) { printf("%d\n", user_fn()); return 0; }
EOF2
so_link_both libdep.so -Wl,-soname,libdep.so.1 dep.c -Wl,--version-script=dep.map
for side in rivet bfd; do ln -sf libdep.so $side/libdep.so.1; done
so_link_rivet rivet/libuser.so user.c -Lrivet -ldep
so_link_bfd bfd/libuser.so user.c -Lbfd -ldep
lib=rivet/libuser.so
vr=$(readelf -VW $lib | sed -n '/Version needs section/,$p')
assert_contains "$vr" "File: libdep.so.1" ".gnu.version_r of $lib"
assert_contains "$vr" "Name: DEP_1.0" ".gnu.version_r of $lib"
assert_contains "$vr" "Name: DEP_2.0" ".gnu.version_r of $lib"
assert_not_contains "$vr" "DEP_3.0" ".gnu.version_r of $lib (no symbol of DEP_3.0 is used)"
assert_eq "$(dynsym_field $lib dep_old version)" "@DEP_1.0" "$lib: version of the undefined dep_old"
assert_eq "$(dynsym_field $lib dep_new version)" "@DEP_2.0" "$lib: version of the undefined dep_new"
assert_eq "$(dynamic_values $lib VERNEEDNUM)" "$(dynamic_values bfd/libuser.so VERNEEDNUM)" "DT_VERNEEDNUM of $lib (as ld.bfd's)"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -luser -Wl,-rpath-link,bfd
so_run_matrix prog
so_expect_stdout prog 12
so_elflint_compare libuser.so

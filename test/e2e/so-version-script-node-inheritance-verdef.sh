#!/usr/bin/env bash
# Named version nodes that inherit from each other (`LIBI_1.1 { ... } LIBI_1.0;`,
# `LIBI_2.0 { ... } LIBI_1.1;`) give .gnu.version_d entries in script order after the
# BASE entry (the soname), each with its parent as its second Verdaux -- the same
# names, flags and parents as ld.bfd writes (readelf -V) -- and every exported symbol
# gets the version of its node (the same name@@version list as ld.bfd's).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int i_one(void) { return 1; }
int i_one_more(void) { return 11; }
int i_two(void) { return 2; }
int i_three(void) { return 3; }
int i_hidden(void) { return 0; }
EOF2
cat >lib.map <<'EOF2'
LIBI_1.0 {
  global:
    i_one;
    i_one_more;
  local:
    *;
};
LIBI_1.1 {
  global:
    i_two;
} LIBI_1.0;
LIBI_2.0 {
  global:
    i_three;
} LIBI_1.1;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int i_one(void), i_one_more(void), i_two(void), i_three(void);
int main(void) { printf("%d %d %d %d\n", i_one(), i_one_more(), i_two(), i_three()); return 0; }
EOF2
so_link_both libi.so -Wl,-soname,libi.so.2 -O1 lib.c -Wl,--version-script=lib.map
for side in rivet bfd; do ln -sf libi.so $side/libi.so.2; done
want_vd=$(verdefs bfd/libi.so)
assert_eq "$(printf '%s' "$want_vd" | tr '\n' '|')" "BASE libi.so.2|none LIBI_1.0|none LIBI_1.1 LIBI_1.0|none LIBI_2.0 LIBI_1.1" "test setup: .gnu.version_d of bfd/libi.so"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -li
so_run_matrix prog
so_expect_stdout prog "1 11 2 3"
got_vd=$(verdefs rivet/libi.so)
[ "$got_vd" = "$want_vd" ] || fail "rivet/libi.so: expected the .gnu.version_d entries (flags name parents) of bfd/libi.so:"$'\n'"$want_vd"$'\n'"got:"$'\n'"$got_vd"
want_syms=$(defined_dynsyms bfd/libi.so | grep '^i_')
got_syms=$(defined_dynsyms rivet/libi.so | grep '^i_' || true)
[ "$got_syms" = "$want_syms" ] || fail "rivet/libi.so: expected these exported i_* symbols and versions (as ld.bfd's):"$'\n'"$want_syms"$'\n'"got:"$'\n'"$got_syms"
readelf -VW rivet/libi.so | grep -q 'Version definition section' || fail "rivet/libi.so: no .gnu.version_d"
assert_eq "$(dynamic_values rivet/libi.so VERDEFNUM)" 4 "DT_VERDEFNUM of rivet/libi.so"
so_elflint_compare libi.so

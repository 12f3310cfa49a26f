#!/usr/bin/env bash
# A version node may name several predecessors (`LIBM_3 { ... } LIBM_2 LIBM_1;`, GNU
# ld's "verdep" list). The node's .gnu.version_d entry then has one Verdaux per parent
# after its own name, and the names, flags and parents equal ld.bfd's (readelf -V).
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int m_one(void) { return 1; }
int m_two(void) { return 2; }
int m_three(void) { return 3; }
EOF2
cat >lib.map <<'EOF2'
LIBM_1 { global: m_one; local: *; };
LIBM_2 { global: m_two; } LIBM_1;
LIBM_3 { global: m_three; } LIBM_2 LIBM_1;
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int m_one(void), m_two(void), m_three(void);
int main(void) { printf("%d %d %d\n", m_one(), m_two(), m_three()); return 0; }
EOF2
so_link_both libm3.so -Wl,-soname,libm3.so -O1 lib.c -Wl,--version-script=lib.map
want_vd=$(verdefs bfd/libm3.so)
got_vd=$(verdefs rivet/libm3.so)
[ "$got_vd" = "$want_vd" ] || fail "rivet/libm3.so: expected the .gnu.version_d entries (flags name parents) of bfd/libm3.so:"$'\n'"$want_vd"$'\n'"got:"$'\n'"$got_vd"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lm3
so_run_matrix prog
so_expect_stdout prog "1 2 3"
so_elflint_compare libm3.so

#!/usr/bin/env bash
# A library linked against another library records it in DT_NEEDED (by its soname),
# in command-line order, and the loader resolves the first library's calls into the
# second: exe -> liba -> libb, where libb is not linked into the executable at all.
# Under --no-as-needed a library whose symbols are not used is still needed. (The gcc
# driver here passes --as-needed by default, so the test says --no-as-needed.)
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >b.c <<'EOF2'
int b_twice(int x) { return 2 * x; }
int b_data = 5;
EOF2
cat >c.c <<'EOF2'
int c_unused(void) { return 0; }
EOF2
cat >a.c <<'EOF2'
extern int b_data;
int b_twice(int);
int a_calc(int x) { return b_twice(x) + b_data; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int a_calc(int);
int main(void) { printf("%d\n", a_calc(10)); return 0; }
EOF2
so_link_both libb.so -Wl,-soname,libb.so.1 b.c
so_link_both libc2.so -Wl,-soname,libc2.so c.c
for side in rivet bfd; do ln -sf libb.so $side/libb.so.1; done
so_link_both liba.so -Wl,-soname,liba.so a.c -Wl,--no-as-needed -Lrivet -lb -lc2
# the bfd library is linked against the rivet-built dependencies above; relink it
# against bfd's so that bfd/ holds an all-bfd set.
so_link_bfd bfd/liba.so -Wl,-soname,liba.so a.c -Wl,--no-as-needed -Lbfd -lb -lc2
assert_eq "$(dynamic_values bfd/liba.so NEEDED | tr '\n' ' ')" "libb.so.1 libc2.so libc.so.6 " "test setup: DT_NEEDED entries of bfd/liba.so"
needed=$(dynamic_values rivet/liba.so NEEDED | tr '\n' ' ')
assert_eq "$needed" "libb.so.1 libc2.so libc.so.6 " "DT_NEEDED entries of rivet/liba.so, in order"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -la -Wl,-rpath-link,bfd
so_run_matrix prog
so_expect_stdout prog 25
so_elflint_compare liba.so

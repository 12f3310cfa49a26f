#!/usr/bin/env bash
# -init=myinit and -fini=myfini make DT_INIT and DT_FINI point at those functions (not
# at _init/_fini from crti.o), and the loader calls them when the library is loaded
# and unloaded.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
#include <stdio.h>
void myinit(void) { printf("myinit\n"); fflush(stdout); }
void myfini(void) { printf("myfini\n"); fflush(stdout); }
int lib_fn(void) { return 9; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int lib_fn(void);
int main(void) { printf("main %d\n", lib_fn()); fflush(stdout); return 0; }
EOF2
so_link_both libi.so -O1 lib.c -Wl,-init=myinit -Wl,-fini=myfini
lib=rivet/libi.so
init=$(dynamic_values $lib INIT)
fini=$(dynamic_values $lib FINI)
assert_eq "$(hex_to_dec "$init")" "$(hex_to_dec "$(symbol_field $lib myinit value)")" "DT_INIT of $lib ($init) vs the address of myinit"
assert_eq "$(hex_to_dec "$fini")" "$(hex_to_dec "$(symbol_field $lib myfini value)")" "DT_FINI of $lib ($fini) vs the address of myfini"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -li
so_run_matrix prog
so_expect_stdout prog "myinit
main 9
myfini"
so_elflint_compare libi.so

#!/usr/bin/env bash
# .symtab of a shared object: each file's globals are written at the file that defines
# them, in that file's symbol-table order; the hidden ones (STB_LOCAL in a linked
# output, gABI) come among the locals, each file's in its own order, before every
# global. Interleaved hidden and default definitions in two objects, one calling the
# other, check both orders, and the table is the same whatever the thread count.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >a.c <<'EOF2'
#define HIDDEN __attribute__((visibility("hidden")))
int b_first(void);
int a_one(void) { return 1; }
HIDDEN int a_hidden_one(void) { return 10; }
int a_two = 2;
HIDDEN int a_hidden_two = 20;
int a_three(void) { return 3 + b_first(); }
HIDDEN int a_hidden_three(void) { return 30; }
int a_four(void) { return a_hidden_one() + a_hidden_two + a_hidden_three(); }
EOF2
cat >b.c <<'EOF2'
#define HIDDEN __attribute__((visibility("hidden")))
int a_one(void);
HIDDEN int b_hidden_one(void) { return 100; }
int b_first(void) { return 4 + a_one(); }
HIDDEN int b_hidden_two = 200;
int b_second(void) { return b_hidden_one() + b_hidden_two; }
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int a_four(void), a_three(void), b_second(void);
extern int a_two;
int main(void) {
  printf("%d %d %d %d\n", a_four(), a_three(), a_two, b_second());
  return 0;
}
EOF2
compile_c -O1 -fPIC -o a.o a.c
compile_c -O1 -fPIC -o b.o b.c
so_link_both libx.so a.o b.o
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lx
so_run_matrix prog
so_expect_stdout prog "60 8 2 300"

# Defined globals of an object in its own symbol-table order: VIS is DEFAULT or HIDDEN.
defined_globals() {
  symtab "$1" | awk -v vis="$2" '$4 == "GLOBAL" && $5 == vis && $6 != "UND" { print $7 }'
}
mapfile -t a_hidden < <(defined_globals a.o HIDDEN)
mapfile -t b_hidden < <(defined_globals b.o HIDDEN)
mapfile -t a_default < <(defined_globals a.o DEFAULT)
mapfile -t b_default < <(defined_globals b.o DEFAULT)
assert_eq "${#a_hidden[@]} ${#b_hidden[@]} ${#a_default[@]} ${#b_default[@]}" "3 2 4 2" \
  "defined hidden and default globals of a.o and b.o (the test's own inputs)"

lib=rivet/libx.so
symtab $lib | awk '{ print $4, $7 }' >symtab.rows
assert_words_in_order symtab.rows "$lib: .symtab order (each file's hidden definitions among the locals, in file order, then each file's globals in file order)" \
  "${a_hidden[@]}" "${b_hidden[@]}" "${a_default[@]}" "${b_default[@]}"
for name in "${a_hidden[@]}" "${b_hidden[@]}"; do
  assert_eq "$(symbol_field $lib "$name" bind)" LOCAL "$lib: binding of the hidden $name"
done
for name in "${a_default[@]}" "${b_default[@]}"; do
  assert_eq "$(symbol_field $lib "$name" bind)" GLOBAL "$lib: binding of $name"
done
# gABI: sh_info of .symtab is one past the last local, the index of the first global.
first_global=$(readelf -sW $lib | awk '/^Symbol table /{ s = ($3 == "'"'.symtab'"'"); next }
  s && $1 ~ /^[0-9]+:$/ && $5 != "LOCAL" { sub(":", "", $1); print $1; exit }')
sh_info=$(readelf -SW $lib | sed -n 's/^ *\[ *[0-9][0-9]*\] //p' | awk '$1 == ".symtab" { print $(NF - 1) }')
assert_eq "$sh_info" "$first_global" "$lib: .symtab sh_info (index of the first global)"

for threads in 1 2 16; do
  so_link_rivet "libx.t$threads.so" -Wl,--threads=$threads a.o b.o
  cmp -s rivet/libx.so "libx.t$threads.so" || fail "libx.so linked with --threads=$threads differs from the default link"
done
so_elflint_compare libx.so

#!/usr/bin/env bash
# Like GNU ld, a shared object with named version nodes has one absolute .dynsym
# symbol per node, named after it (GLOBAL OBJECT, Ndx ABS, value 0), versioned by its
# own node; GNU ld names it with the Verdaux string itself, so `readelf --dyn-syms`
# shows it as plain "NODE_A" (no @@NODE_A). The list of these symbols as readelf
# prints them equals ld.bfd's.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int abs_a(void) { return 1; }
int abs_b(void) { return 2; }
EOF2
cat >lib.map <<'EOF2'
NODE_A {
  global:
    abs_a;
  local:
    *;
};
NODE_B {
  global:
    abs_b;
} NODE_A;
EOF2
so_link_both libabs.so -O1 lib.c -Wl,--version-script=lib.map
abs_rows() {
  readelf --dyn-syms -W "$1" | awk '$1 ~ /^[0-9]+:$/ && $7 == "ABS" { print $2, $3, $4, $5, $6, $7, $8 }' | LC_ALL=C sort
}
want=$(abs_rows bfd/libabs.so)
assert_eq "$(printf '%s' "$want" | tr '\n' '|')" "0000000000000000 0 OBJECT GLOBAL DEFAULT ABS NODE_A|0000000000000000 0 OBJECT GLOBAL DEFAULT ABS NODE_B" "test setup: ABS .dynsym symbols of bfd/libabs.so"
got=$(abs_rows rivet/libabs.so)
[ "$got" = "$want" ] || fail "rivet/libabs.so: expected the version-node ABS symbols as readelf --dyn-syms shows ld.bfd's:"$'\n'"$want"$'\n'"got:"$'\n'"$got"
so_elflint_compare libabs.so

#!/usr/bin/env bash
# -Wl,-Map=FILE writes a link map: which input sections went into which output
# sections at which addresses, and where global symbols ended up. The file must exist,
# be non-empty, and name the input objects, the output sections and the symbols.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >map_helper.c <<'EOF'
int rivet_map_counter = 3;
int rivet_map_helper(int x) { return x + rivet_map_counter; }
EOF
cat >map_main.c <<'EOF'
#include <stdio.h>
int rivet_map_helper(int);
int main(void) {
  printf("helper=%d\n", rivet_map_helper(4));
  return 0;
}
EOF
compile_c -O1 -o map_helper.o map_helper.c
compile_c -O1 -o map_main.o map_main.c
link_bfd map.bfd map_main.o map_helper.o -Wl,-Map=bfd.map
link_rivet map.rivet map_main.o map_helper.o -Wl,-Map=rivet.map || fail "rivet failed to link with -Map=rivet.map"

run_both_and_compare map
expect_stdout map "helper=7"
elflint_compare map

[ -s rivet.map ] || fail "expected a non-empty map file rivet.map, $([ -e rivet.map ] && echo 'it is empty' || echo 'it does not exist')"
map=$(cat rivet.map)
for word in map_main.o map_helper.o .text .data rivet_map_helper rivet_map_counter; do
  assert_contains "$map" "$word" "map file rivet.map"
done
# The helper's address in the map is its address in the output.
addr=$(symbol_field map.rivet rivet_map_helper value)
addr=$(printf '%x' "$(hex_to_dec "$addr")")
grep "rivet_map_helper" rivet.map >helper.lines || true
grep -qi "$addr" helper.lines ||
  fail "expected a map line with rivet_map_helper at its address 0x$addr, got:"$'\n'"$(grep rivet_map_helper rivet.map)"

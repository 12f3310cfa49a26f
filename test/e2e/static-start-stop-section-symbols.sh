#!/usr/bin/env bash
# For an output section whose name is a valid C identifier, the linker defines
# __start_NAME and __stop_NAME around it when they are referenced. Three translation
# units put a table of structs (with function and string pointers) into section
# "rivet_cmds"; main walks the table from __start_rivet_cmds to __stop_rivet_cmds.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >cmd.h <<'EOF'
struct cmd {
  const char *name;
  int (*fn)(int);
  long arg;
};
#define CMD(id, fnname, a)                                                  \
  __attribute__((used, section("rivet_cmds"), aligned(8))) static const struct cmd id = { \
      #id, fnname, a}
EOF
cat >cmds_a.c <<'EOF'
#include "cmd.h"
static int twice(int x) { return 2 * x; }
static int negate(int x) { return -x; }
CMD(cmd_twice, twice, 21);
CMD(cmd_negate, negate, 5);
EOF
cat >cmds_b.c <<'EOF'
#include "cmd.h"
static int square(int x) { return x * x; }
CMD(cmd_square, square, 12);
EOF
cat >main.c <<'EOF'
#include <stdio.h>
#include "cmd.h"
extern const struct cmd __start_rivet_cmds[], __stop_rivet_cmds[];
static int ident(int x) { return x; }
CMD(cmd_ident, ident, 99);
int main(void) {
  printf("%td commands\n", __stop_rivet_cmds - __start_rivet_cmds);
  for (const struct cmd *c = __start_rivet_cmds; c < __stop_rivet_cmds; c++)
    printf("%s(%ld) = %d\n", c->name, c->arg, c->fn((int)c->arg));
  return 0;
}
EOF
for f in cmds_a cmds_b main; do compile_c -O0 -o "$f.o" "$f.c"; done
link_both table cmds_a.o cmds_b.o main.o

run_both_and_compare table
expect_stdout table "4 commands
cmd_twice(21) = 42
cmd_negate(5) = -5
cmd_square(12) = 144
cmd_ident(99) = 99"
expect_status table 0
elflint_compare table

has_section table.rivet rivet_cmds || fail "expected an output section rivet_cmds, found none in: $(section_names table.rivet | tr '\n' ' ')"
sec_addr=$(hex_to_dec "$(section_field table.rivet rivet_cmds addr)")
sec_size=$(hex_to_dec "$(section_field table.rivet rivet_cmds size)")
start=$(symbol_field table.rivet __start_rivet_cmds value)
stop=$(symbol_field table.rivet __stop_rivet_cmds value)
[ -n "$start" ] || fail "expected __start_rivet_cmds in .symtab, found none"
[ -n "$stop" ] || fail "expected __stop_rivet_cmds in .symtab, found none"
assert_eq "$(hex_to_dec "$start")" "$sec_addr" "__start_rivet_cmds vs address of section rivet_cmds"
assert_eq "$(hex_to_dec "$stop")" $((sec_addr + sec_size)) "__stop_rivet_cmds vs end of section rivet_cmds"
assert_eq "$sec_size" 96 "size of rivet_cmds (4 entries of 24 bytes)"

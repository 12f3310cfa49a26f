#!/usr/bin/env bash
# --defsym NAME=SYM makes NAME a symbol of its own at SYM's address: a shared object
# exports it beside SYM (GNU ld and lld), so a program can call the library's function
# and read its variable through the aliases alone. The aliases are in .symtab and .dynsym with size 0 and SYM's type; the defined .dynsym
# names equal ld.bfd's. An alias of a definition --gc-sections drops is dropped too.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int lib_fn(void) { return 42; }
int lib_var[2] = {7, 9};
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int fn_alias(void);
extern int var_alias[2];
int main(void) { printf("%d %d %d\n", fn_alias(), var_alias[0], var_alias[1]); return 0; }
EOF2
so_link_both liba.so -O1 lib.c -Wl,--defsym=fn_alias=lib_fn -Wl,--defsym=var_alias=lib_var
# -fPIC: the aliases have size 0, which a copy relocation cannot take; the GOT can.
compile_c -O1 -fPIC -o main.o main.c
so_dlink_matrix prog main.o -la
so_run_matrix prog
so_expect_stdout prog "42 7 9"
assert_eq "$(defined_dynsyms rivet/liba.so | tr '\n' ' ')" "$(defined_dynsyms bfd/liba.so | tr '\n' ' ')" "defined .dynsym entries of rivet/liba.so (vs ld.bfd's)"
lib=rivet/liba.so
for alias in fn_alias:FUNC:lib_fn var_alias:OBJECT:lib_var; do
  IFS=: read -r name type target <<<"$alias"
  assert_eq "$(dynsym_field $lib "$name" type) $(dynsym_field $lib "$name" size)" "$type 0" "type and size of $name in $lib's .dynsym"
  assert_eq "$(dynsym_field $lib "$name" value)" "$(dynsym_field $lib "$target" value)" "address of $name against $target's"
  assert_eq "$(symtab $lib | awk -v n="$name" '$7 == n' | wc -l)" 1 ".symtab entries named $name in $lib"
done
so_elflint_compare liba.so

# --gc-sections drops the hidden function's section and its alias with it: no .symtab
# entry pointing at nothing.
echo '__attribute__((visibility("hidden"))) int gone(void) { return 1; }' >gone.c
compile_c -O1 -fPIC -ffunction-sections -o gone.o gone.c
so_link_rivet rivet/libgone.so -Wl,--gc-sections -Wl,--defsym=gone_alias=gone gone.o
assert_eq "$(symtab rivet/libgone.so | awk '$7 == "gone_alias"' | wc -l)" 0 ".symtab entries for the alias of a discarded function"
elflint_ok=$(eu-elflint --gnu-ld rivet/libgone.so 2>&1) || fail "eu-elflint on rivet/libgone.so: $elflint_ok"

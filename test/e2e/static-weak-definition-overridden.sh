#!/usr/bin/env bash
# A weak definition (function and data) is overridden by a strong definition in another
# object, whichever comes first on the command line; where no strong definition
# exists, the weak one is used. Every reference -- from code and from data -- must bind
# to the winner.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >defaults.c <<'EOF'
__attribute__((weak)) const char *backend_name(void) { return "weak default backend"; }
__attribute__((weak)) int backend_level = 1;
__attribute__((weak)) const char *fallback_name(void) { return "weak fallback kept"; }
const char *(*const backend_ptr_from_defaults)(void) = backend_name;
int *level_ptr_from_defaults(void) { return &backend_level; }
EOF
cat >strong.c <<'EOF'
const char *backend_name(void) { return "strong backend"; }
int backend_level = 9;
EOF
cat >main.c <<'EOF'
#include <stdio.h>
const char *backend_name(void);
const char *fallback_name(void);
extern int backend_level;
extern const char *(*const backend_ptr_from_defaults)(void);
int *level_ptr_from_defaults(void);
int main(void) {
  printf("%s, level %d\n", backend_name(), backend_level);
  printf("via defaults.o: %s, level %d\n", backend_ptr_from_defaults(), *level_ptr_from_defaults());
  printf("same function: %d, same object: %d\n", backend_ptr_from_defaults == backend_name,
         level_ptr_from_defaults() == &backend_level);
  printf("%s\n", fallback_name());
  return 0;
}
EOF
for f in defaults strong main; do compile_c -O1 -o "$f.o" "$f.c"; done

expected="strong backend, level 9
via defaults.o: strong backend, level 9
same function: 1, same object: 1
weak fallback kept"
# Weak object first, then strong; and the other way round.
link_both weak_first main.o defaults.o strong.o
run_both_and_compare weak_first
expect_stdout weak_first "$expected"
elflint_compare weak_first
link_both strong_first main.o strong.o defaults.o
run_both_and_compare strong_first
expect_stdout strong_first "$expected"
elflint_compare strong_first

for f in weak_first strong_first; do
  assert_eq "$(symbol_count "$f.rivet" backend_name)" 1 "$f: number of backend_name entries in .symtab"
  assert_eq "$(symbol_field "$f.rivet" backend_name bind)" GLOBAL "$f: binding of backend_name (the strong definition)"
  assert_eq "$(symbol_field "$f.rivet" backend_level bind)" GLOBAL "$f: binding of backend_level (the strong definition)"
  assert_eq "$(symbol_field "$f.rivet" fallback_name bind)" WEAK "$f: binding of fallback_name (only a weak definition)"
done

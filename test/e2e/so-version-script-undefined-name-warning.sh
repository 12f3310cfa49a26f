#!/usr/bin/env bash
# A version script naming a symbol nothing defines draws a warning that names it, but
# the shared object is still linked (exit 0) and works; with --no-undefined-version the
# same script is an error: exit 1, a message naming the symbol, no output file.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"

cat >lib.c <<'EOF2'
int present_fn(void) { return 4; }
EOF2
cat >lib.map <<'EOF2'
VU_1 {
  global:
    present_fn;
    rivet_absent_in_script;
  local:
    *;
};
EOF2
cat >main.c <<'EOF2'
#include <stdio.h>
int present_fn(void);
int main(void) { printf("%d\n", present_fn()); return 0; }
EOF2
if gcc -shared -fPIC -fuse-ld=bfd -Wl,--no-undefined-version -Wl,--version-script=lib.map -o bfd-strict.so lib.c 2>/dev/null; then
  fail "test setup: expected ld.bfd --no-undefined-version to reject the script too"
fi
mkdir -p rivet bfd
so_link_bfd bfd/libu.so lib.c -Wl,--version-script=lib.map
printf '+ gcc -shared ... -Wl,--version-script=lib.map (rivet)\n' >&2
st=0
gcc -shared -fPIC -B"$RIVET_LIBEXEC/" -o rivet/libu.so lib.c -Wl,--version-script=lib.map 2>link.stderr || st=$?
cat link.stderr >&2
[ "$st" = 0 ] || fail "expected the link with a version script naming an undefined symbol to succeed (a warning only), got exit status $st:"$'\n'"$(cat link.stderr)"
grep -q '^ld\.rivet: warning: .*rivet_absent_in_script' link.stderr ||
  fail "expected an 'ld.rivet: warning:' line naming rivet_absent_in_script, got:"$'\n'"$(cat link.stderr)"
assert_eq "$(grep -c 'warning' link.stderr)" 1 "number of warnings (only the absent name deserves one)"
compile_c -O1 -o main.o main.c
so_dlink_matrix prog main.o -lu
so_run_matrix prog
so_expect_stdout prog 4
expect_link_error libstrict.so rivet_absent_in_script -- \
  gcc -shared -fPIC -B"$RIVET_LIBEXEC/" -Wl,--no-undefined-version -Wl,--version-script=lib.map -o libstrict.so lib.c
so_elflint_compare libu.so

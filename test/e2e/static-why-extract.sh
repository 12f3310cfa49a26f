#!/usr/bin/env bash
# --why-extract=- prints, for each archive member the link extracted, which file's
# reference to which symbol caused it (lld's format: "reference<TAB>extracted<TAB>
# symbol"). ld.bfd has no such option, so its reference link is made without it.
# shellcheck source=lib.sh
source "${RIVET_SRC:?RIVET_SRC must point at the rivet source tree}/test/e2e/lib.sh"
require_tools ar

cat >member.c <<'EOF'
int why_needed(int x) { return x + 40; }
EOF
cat >unused.c <<'EOF'
int why_not_needed(int x) { return x; }
EOF
cat >main.c <<'EOF'
#include <stdio.h>
int why_needed(int);
int main(void) {
  printf("%d\n", why_needed(2));
  return 0;
}
EOF
for f in member unused main; do compile_c -O1 -o "$f.o" "$f.c"; done
run ar rcs libwhy.a member.o unused.o

link_bfd why.bfd main.o libwhy.a
status=0
gcc -static -B"$RIVET_LIBEXEC/" -o why.rivet main.o libwhy.a -Wl,--why-extract=- >why.out 2>&1 || status=$?
cat why.out >&2
[ "$status" = 0 ] || fail "expected the link with --why-extract=- to succeed, it exited $status"

run_both_and_compare why
expect_stdout why 42
elflint_compare why

# One line says it all: main.o's reference to why_needed extracted libwhy.a(member.o).
grep 'member\.o' why.out >why.lines || true
grep 'why_needed' why.lines >why.line || true
[ -s why.line ] ||
  fail "expected a --why-extract line naming the extracted member libwhy.a(member.o) and the symbol why_needed, got:"$'\n'"$(cat why.out)"
grep -q 'libwhy\.a' why.line ||
  fail "expected the --why-extract line to name the archive libwhy.a, got:"$'\n'"$(cat why.line)"
grep -q 'main\.o' why.line ||
  fail "expected the --why-extract line to name the referencing file main.o, got:"$'\n'"$(cat why.line)"
if grep -q 'unused\.o' why.out; then
  fail "expected no line about unused.o, which was not extracted, got:"$'\n'"$(cat why.out)"
fi
